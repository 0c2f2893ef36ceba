// Command building: every name, address and URI passes an allow-list before it reaches argv,
// and valid ones arrive as single literal elements.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriverError } from '../../../core/drivers/errors';
import { VirshArgv } from '../../../core/drivers/libvirt/argv';
import { NAME_RE } from '../../../core/drivers/names';
import { configName, XlArgv } from '../../../core/drivers/xl/argv';

const validName = fc.stringMatching(NAME_RE);
const invalidName = fc.string({ maxLength: 80 }).filter((s) => !NAME_RE.test(s));
const target = { address: '10.200.40.12', sshUser: 'root', sshPort: 22 };

describe('virsh argv', () => {
  const v = new VirshArgv();
  it('puts a valid name in one element right after --domain', () => {
    fc.assert(
      fc.property(validName, (name) => {
        for (const argv of [
          v.start(name),
          v.dumpxml(name),
          v.destroy(name),
          v.console(name),
          v.domjobabort(name),
        ]) {
          expect(argv.slice(0, 3)).toEqual(['virsh', '-c', 'qemu:///system']);
          expect(argv[argv.indexOf('--domain') + 1]).toBe(name);
          expect(argv.filter((a) => a.includes(name)).length).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
  it('refuses any other name before building anything', () => {
    fc.assert(
      fc.property(invalidName, (name) => {
        expect(() => v.start(name)).toThrow(DriverError);
        expect(() => v.migrate(name, target)).toThrow(/VM name/);
      }),
    );
  });
  it('refuses hostile URIs', () => {
    for (const uri of [
      'qemu:///system; rm -rf /',
      'qemu+ssh://root@h/system?command=sh -c x',
      'file:///etc/passwd',
      '',
      'qemu://$(id)/system',
    ]) {
      expect(() => new VirshArgv(uri)).toThrow(/libvirt URI/);
    }
    expect(new VirshArgv('test:///default').list()).toEqual([
      'virsh',
      '-c',
      'test:///default',
      'list',
      '--all',
    ]);
  });
  it('builds live migration as the lab notes say works', () => {
    expect(v.migrate('research-vm1', target, { p2p: true, persistent: true, undefineSource: true })).toEqual([
      'virsh',
      '-c',
      'qemu:///system',
      'migrate',
      '--live',
      '--p2p',
      '--persistent',
      '--undefinesource',
      '--domain',
      'research-vm1',
      '--desturi',
      'qemu+ssh://root@10.200.40.12/system',
      '--migrateuri',
      'tcp://10.200.40.12',
    ]);
    const tunnelled = v.migrate('a', { ...target, sshPort: 2222 }, { tunnelled: true });
    expect(tunnelled).toContain('--tunnelled');
    expect(tunnelled).toContain('qemu+ssh://root@10.200.40.12:2222/system');
    expect(tunnelled).not.toContain('--migrateuri');
    expect(VirshArgv.destinationUri({ address: 'fd00::1', sshUser: 'admin', sshPort: 22 })).toBe(
      'qemu+ssh://admin@[fd00::1]/system',
    );
  });
  it('refuses hostile migration targets', () => {
    for (const bad of [
      { ...target, address: '10.0.0.1 -oProxyCommand=x' },
      { ...target, address: 'host;reboot' },
      { ...target, sshUser: 'root@evil' },
      { ...target, sshPort: 0 },
      { ...target, uri: 'qemu:///system?socket=/tmp/x y' },
    ]) {
      expect(() => v.migrate('a', bad)).toThrow(DriverError);
    }
  });
});

describe('xl argv', () => {
  const x = new XlArgv();
  it('puts a valid name in one element and files configs under the config folder', () => {
    fc.assert(
      fc.property(validName, (name) => {
        expect(x.shutdown(name)).toEqual(['xl', 'shutdown', name]);
        expect(x.create(name)).toEqual(['xl', 'create', `/etc/xen/${name}.cfg`]);
        expect(x.writeConfig(name)).toEqual(['tee', '--', `/etc/xen/${name}.cfg`]);
      }),
    );
  });
  it('refuses other names', () => {
    fc.assert(fc.property(invalidName, (name) => void expect(() => x.destroy(name)).toThrow(DriverError)));
  });
  it('builds migrate with only allow-listed parts (xl passes them to sh -c)', () => {
    expect(x.migrate('web1', target)).toEqual(['xl', 'migrate', 'web1', 'root@10.200.40.12']);
    expect(x.migrate('web1', { ...target, sshPort: 2222 })).toEqual([
      'xl',
      'migrate',
      '-s',
      'ssh -p 2222',
      'web1',
      'root@10.200.40.12',
    ]);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (addr) => {
        try {
          const argv = x.migrate('web1', { ...target, address: addr });
          // Whatever passed contains no shell metacharacter.
          expect(argv.at(-1)).toMatch(/^root@[A-Za-z0-9.-]+$/);
        } catch (e) {
          expect(e).toBeInstanceOf(DriverError);
        }
      }),
    );
  });
  it('refuses odd config folders and reads the name of a config', () => {
    expect(() => new XlArgv('/etc/xen/../../tmp')).toThrow(/plain absolute path/);
    expect(() => new XlArgv('etc/xen')).toThrow(DriverError);
    expect(configName('# web\nname = "web1"\nmemory = 512\n')).toBe('web1');
    expect(() => configName('name = "../../etc/passwd"\n')).toThrow(/not allowed/);
    expect(() => configName('memory = 512\n')).toThrow(/no name/);
  });
});
