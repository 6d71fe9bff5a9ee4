// Approvals: which commands and patches run unasked, which ask the user, which never run; the rules
// files; and the broker that carries a question to the UI and the answer back.
export { evaluateCommand, type CommandEvaluation, type CommandEvaluationInput, type PolicyDecision } from './policy';
export { evaluatePatch, patchWritePermission, type PatchEvaluation, type PatchPolicyInput } from './patch-policy';
export { isKnownSafeCommand } from './safe-commands';
export { analyzeCommand, shellScriptOf, type CommandAnalysis } from './command-analysis';
export { parseShell, type ParsedShell } from './shell-parse';
export {
  loadRules,
  loadRulesFile,
  parseRulesFile,
  repoRulesPath,
  userRulesPath,
  describeRule,
  matchRules,
  RulesFileSchema,
  RULES_FILE_VERSION,
  type CommandRule,
  type LoadedRules,
  type RuleDecision,
  type RuleSource,
  type RulesProblem,
} from './rules';
export { appendUserRule, type NewRule } from './user-rules-file';
export {
  ApprovalBroker,
  suggestRulePrefix,
  type ApprovalAnswer,
  type ApprovalBrokerOptions,
  type ApprovalEventSink,
  type ApprovalRequestInput,
} from './broker';
