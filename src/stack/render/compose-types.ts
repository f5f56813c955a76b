/**
 * The shape of what `tsd config` prints: a Compose file in canonical long
 * form, with Compose's snake_case keys. Every field is optional where Compose
 * leaves it out when empty or at its default, so a rendered document holds
 * only what means something. Scalars use Compose's printed forms: durations
 * as Go durations (`1m30s`), byte sizes as strings of bytes (`"536870912"`),
 * file modes as octal strings (`"0440"`), published ports as strings.
 */

/** `x-` extensions, kept verbatim. */
export type ComposeExtensions = { readonly [key: `x-${string}`]: unknown };

/** A rendered stack file. */
export type ComposeDocument = ComposeExtensions & {
  readonly name: string;
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly networks?: Readonly<Record<string, ComposeNetwork>>;
  readonly volumes?: Readonly<Record<string, ComposeVolume>>;
  readonly secrets?: Readonly<Record<string, ComposeFileObject>>;
  readonly configs?: Readonly<Record<string, ComposeFileObject>>;
  /** tsd's own section. */
  readonly data_containers?: Readonly<Record<string, ComposeDataContainer>>;
};

/** A mapping of strings (labels, driver options, sysctls). */
export type ComposeStrings = Readonly<Record<string, string>>;
/** A mapping whose `null` values mean "declared, no value" (environment, build args). */
export type ComposeNullableStrings = Readonly<Record<string, string | null>>;

/** One service. */
export type ComposeService = ComposeExtensions & {
  readonly profiles?: readonly string[];
  readonly image?: string;
  readonly build?: ComposeBuild;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment?: ComposeNullableStrings;
  readonly ports?: readonly ComposePort[];
  readonly expose?: readonly string[];
  readonly volumes?: readonly ComposeMount[];
  readonly volumes_from?: readonly string[];
  readonly links?: readonly string[];
  readonly depends_on?: Readonly<Record<string, ComposeDependency>>;
  readonly network_mode?: string;
  readonly networks?: Readonly<Record<string, ComposeServiceNetwork | null>>;
  readonly restart?: string;
  readonly healthcheck?: ComposeHealthcheck;
  readonly user?: string;
  readonly working_dir?: string;
  readonly hostname?: string;
  readonly domainname?: string;
  readonly labels?: ComposeStrings;
  readonly container_name?: string;
  readonly stop_signal?: string;
  readonly stop_grace_period?: string;
  readonly read_only?: true;
  readonly security_opt?: readonly string[];
  readonly mem_limit?: string;
  readonly mem_reservation?: string;
  readonly memswap_limit?: string;
  readonly mem_swappiness?: number;
  readonly shm_size?: string;
  readonly cpus?: number;
  readonly cpu_shares?: number;
  readonly cpu_quota?: number;
  readonly cpu_period?: number;
  readonly cpuset?: string;
  readonly pids_limit?: number;
  readonly oom_kill_disable?: boolean;
  readonly oom_score_adj?: number;
  readonly cap_add?: readonly string[];
  readonly cap_drop?: readonly string[];
  readonly init?: boolean;
  readonly tty?: true;
  readonly stdin_open?: true;
  readonly privileged?: true;
  readonly logging?: ComposeLogging;
  readonly extra_hosts?: readonly string[];
  readonly dns?: readonly string[];
  readonly dns_search?: readonly string[];
  readonly dns_opt?: readonly string[];
  readonly ulimits?: Readonly<Record<string, number | { readonly soft: number; readonly hard: number }>>;
  readonly tmpfs?: readonly string[];
  readonly sysctls?: ComposeStrings;
  readonly devices?: readonly ComposeDevice[];
  readonly attach?: false;
  readonly gpus?: readonly ComposeDeviceRequest[];
  readonly group_add?: readonly string[];
  readonly ipc?: string;
  readonly pid?: string;
  readonly uts?: string;
  readonly userns_mode?: string;
  readonly cgroup_parent?: string;
  readonly platform?: string;
  readonly runtime?: string;
  readonly mac_address?: string;
  readonly pull_policy?: string;
  readonly scale?: number;
  readonly deploy?: ComposeDeploy;
  readonly develop?: ComposeDevelop;
  readonly secrets?: readonly ComposeFileReference[];
  readonly configs?: readonly ComposeFileReference[];
};

/** `deploy`, keys in compose-go's order. */
export interface ComposeDeploy {
  readonly mode?: string;
  readonly replicas?: number;
  readonly labels?: ComposeStrings;
  readonly update_config?: ComposeUpdateConfig;
  readonly rollback_config?: ComposeUpdateConfig;
  readonly resources?: ComposeDeployResources;
  readonly restart_policy?: ComposeDeployRestartPolicy;
  readonly placement?: ComposePlacement;
  readonly endpoint_mode?: string;
}

/** `deploy.update_config` or `deploy.rollback_config`. */
export interface ComposeUpdateConfig {
  readonly parallelism?: number;
  readonly delay?: string;
  readonly failure_action?: string;
  readonly monitor?: string;
  readonly max_failure_ratio?: number;
  readonly order?: string;
}

/** `deploy.resources`. */
export interface ComposeDeployResources {
  readonly limits?: { readonly cpus?: number; readonly memory?: string; readonly pids?: number };
  readonly reservations?: { readonly cpus?: number; readonly memory?: string; readonly generic_resources?: readonly unknown[] };
}

/** `deploy.restart_policy`. */
export interface ComposeDeployRestartPolicy {
  readonly condition?: string;
  readonly delay?: string;
  readonly max_attempts?: number;
  readonly window?: string;
}

/** `deploy.placement`. */
export interface ComposePlacement {
  readonly constraints?: readonly string[];
  readonly preferences?: readonly { readonly spread: string }[];
  readonly max_replicas_per_node?: number;
}

/** `build`, long form. */
export interface ComposeBuild {
  readonly context: string;
  readonly dockerfile?: string;
  readonly dockerfile_inline?: string;
  readonly args?: ComposeNullableStrings;
  readonly target?: string;
  readonly labels?: ComposeStrings;
  readonly network?: string;
  readonly shm_size?: string;
  readonly extra_hosts?: readonly string[];
  readonly cache_from?: readonly string[];
  readonly tags?: readonly string[];
  readonly no_cache?: true;
  readonly pull?: true;
  readonly platforms?: readonly string[];
}

/** One `ports` entry, long form. */
export interface ComposePort {
  readonly name?: string;
  readonly mode: "ingress" | "host";
  readonly host_ip?: string;
  readonly target: number;
  /** `"8080"` or a range `"8000-8010"`, as Compose prints it. */
  readonly published?: string;
  readonly protocol: string;
  readonly app_protocol?: string;
}

/** One `volumes` entry, long form. */
export interface ComposeMount {
  readonly type: "bind" | "volume" | "tmpfs";
  readonly source?: string;
  readonly target: string;
  readonly read_only?: true;
  readonly bind?: { readonly propagation?: string; readonly create_host_path?: false; readonly selinux?: string };
  readonly volume?: { readonly nocopy?: true; readonly subpath?: string };
  readonly tmpfs?: { readonly size?: string; readonly mode?: string };
}

/** A `depends_on` entry, long form. */
export interface ComposeDependency {
  readonly condition: string;
  readonly required: boolean;
  readonly restart?: true;
}

/** How a service joins one network. */
export interface ComposeServiceNetwork {
  readonly aliases?: readonly string[];
  readonly ipv4_address?: string;
  readonly ipv6_address?: string;
  readonly mac_address?: string;
  readonly link_local_ips?: readonly string[];
  readonly priority?: number;
  readonly gw_priority?: number;
  readonly driver_opts?: ComposeStrings;
  readonly interface_name?: string;
}

/** `healthcheck`. */
export interface ComposeHealthcheck {
  readonly test?: readonly string[];
  readonly interval?: string;
  readonly timeout?: string;
  readonly start_period?: string;
  readonly start_interval?: string;
  readonly retries?: number;
  readonly disable?: true;
}

/** `logging`. */
export interface ComposeLogging {
  readonly driver?: string;
  readonly options?: ComposeStrings;
}

/** One `devices` entry, long form. */
export interface ComposeDevice {
  readonly source: string;
  readonly target: string;
  readonly permissions: string;
}

/** `develop`. */
export interface ComposeDevelop {
  readonly watch?: readonly ComposeWatchRule[];
}

/** One `develop.watch` rule. */
export interface ComposeWatchRule {
  readonly path: string;
  readonly action: string;
  readonly target?: string;
  readonly ignore?: readonly string[];
  readonly include?: readonly string[];
  readonly initial_sync?: true;
  readonly exec?: { readonly command: readonly string[]; readonly user?: string; readonly working_dir?: string };
}

/** A secret or config granted to a service, long form. */
export interface ComposeFileReference {
  readonly source: string;
  readonly target: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: string;
}

/** A top-level network. */
export interface ComposeNetwork {
  readonly name: string;
  readonly driver?: string;
  readonly driver_opts?: ComposeStrings;
  readonly ipam?: ComposeIpam;
  readonly external?: true;
  readonly internal?: true;
  readonly attachable?: true;
  readonly labels?: ComposeStrings;
  readonly enable_ipv4?: boolean;
  readonly enable_ipv6?: boolean;
}

/** IP address management of a network. */
export interface ComposeIpam {
  readonly driver?: string;
  readonly config?: readonly ComposeIpamPool[];
  readonly options?: ComposeStrings;
}

/** One IPAM pool. */
export interface ComposeIpamPool {
  readonly subnet?: string;
  readonly ip_range?: string;
  readonly gateway?: string;
  readonly aux_addresses?: ComposeStrings;
}

/** A top-level volume. */
export interface ComposeVolume {
  readonly name: string;
  readonly driver?: string;
  readonly driver_opts?: ComposeStrings;
  readonly external?: true;
  readonly labels?: ComposeStrings;
}

/** A top-level secret or config. */
export interface ComposeFileObject {
  readonly name: string;
  readonly file?: string;
  readonly environment?: string;
  readonly content?: string;
  readonly external?: true;
  readonly labels?: ComposeStrings;
  readonly driver?: string;
  readonly driver_opts?: ComposeStrings;
  readonly template_driver?: string;
}

/** A tsd data container. */
export interface ComposeDataContainer {
  readonly image: string;
  readonly command?: readonly string[];
  readonly volumes?: readonly ComposeMount[];
  readonly labels?: ComposeStrings;
}

/** A `gpus` entry (tsd writes every device request this way; `gpu` is then among the capabilities). */
export interface ComposeDeviceRequest {
  readonly driver?: string;
  readonly count?: number | "all";
  readonly device_ids?: readonly string[];
  readonly capabilities?: readonly string[];
  readonly options?: Readonly<Record<string, string>>;
}
