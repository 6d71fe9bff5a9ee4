// The sandbox agent commands run in: probe what the host enforces, plan a command, run it.
export { describeWritableRoots, isWritablePath, PROTECTED_NAMES } from './writable-roots';
export { probeSandboxSupport, findOnPath, type ProbeOptions } from './probe';
export { planSandboxedCommand, commandArgv, SANDBOX_ENV, SANDBOX_NETWORK_DISABLED_ENV, SECRET_ENV_NAME } from './plan';
export { runSandboxed, DEFAULT_OUTPUT_CAP_BYTES, DEFAULT_TIMEOUT_MS, type RunOptions, type RunResult } from './run';
export { HeadTailCapture } from './output-cap';
export { ensureThreadTempDir, removeThreadTempDir, threadTempDirPath } from './thread-temp-dir';
export { bwrapArgs, linuxSandboxCommand, SECCOMP_FD } from './linux-bwrap';
export { seatbeltProfile, macosSandboxCommand } from './macos-seatbelt';
export { buildSeccompFilter, SECCOMP_ARCHES } from './seccomp-filter';
export type {
  LinuxSandboxSupport,
  MacosSandboxSupport,
  SandboxCapabilities,
  SandboxMode,
  SandboxPlan,
  SandboxPlanInput,
  WritableRoot,
} from './types';
