// CPU and memory meters of a container or of a whole domain, full size.
import { cpuMeter, memoryMeter, type ContainerLoad } from '../../view-model/capacity';
import { Meter } from '../common/Meter';
import { Section } from './Section';

export function LoadSection({ title, load }: { title: string; load: ContainerLoad }) {
  return (
    <Section title={title}>
      <div className="details-meters">
        <Meter label="CPU (vCPUs)" model={cpuMeter(load)} />
        <Meter label="Memory" model={memoryMeter(load)} />
      </div>
    </Section>
  );
}
