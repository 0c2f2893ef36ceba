// `paddock --help`.
export const USAGE = `paddock: offline capacity planning for a Paddock site file

usage:
  paddock validate SITE [--json]
  paddock plan place     --site SITE [--objective consolidate|balance] [common options]
  paddock plan rebalance --site SITE [--objective balance|consolidate] [--budget GIB] [common options]
  paddock plan evacuate  --site SITE --container NAME [common options]
  paddock plan whatif    --site SITE SCENARIO... [--container-type NAME] [common options]

common options:
  --time SECONDS     search time limit (default 10); the best plan so far is returned
  --seed N           seed of the random choices (same seed, same plan when the time is not cut short)
  --json             print one JSON object instead of tables

what-if scenario (changes apply in the order given):
  --add-vms N [--like VM | --domain D --vcpus N --memory GIB] [--vcpus N] [--memory GIB]
  --add-clusters K --cluster NAME [--cluster-container-type CONTAINER]
  --add-containers N --like-container CONTAINER
  --remove-container NAME        decommissioned: its VMs must go elsewhere
  --fail-container NAME          fails: its VMs must restart elsewhere
  --container-type CONTAINER     if it does not fit: how many more containers like this one are needed?

exit codes:
  0  valid site / the plan does everything asked
  1  the site has errors / the plan cannot do everything asked (see its reasons)
  2  bad command line
  3  the site file cannot be used (unreadable, not a site, or errors other than placement)
  4  internal error
  130 interrupted (Ctrl-C): the best plan found so far was printed
`;
