/**
 * Bash integration, loaded with `bash --init-file <this>` (so the user's files are never edited).
 * It first runs the startup files bash would have run itself, then adds the hooks:
 *   PS0 (shown after a line is read, before it runs) → OSC 633;E;<line>;<nonce>, OSC 133;C
 *   PROMPT_COMMAND (first) → OSC 133;D;<status> for the line that ran, OSC 7 with the cwd
 *   PROMPT_COMMAND (last)  → wraps PS1 in OSC 133;A … 133;B (prompt frameworks rewrite PS1 each time)
 * PS0 sees every line that runs, subshells and compound commands included (a DEBUG trap would not);
 * a side-effecting array subscript in it sets a flag in the shell itself, and a command substitution
 * reads the line from history, which bash has filled by then.
 * With `ignorespace` a hidden line would leave history pointing at an older one, so Tandem takes that
 * setting over: such lines still go into history for a moment and are deleted again at the next
 * prompt, and their text is not reported (the user asked for them to be forgotten).
 * Needs bash 4.4 (PS0); older versions report integration as off.
 */
import { shellScript } from './shell-script';

export const BASH_SCRIPT = shellScript`# Tandem shell integration for bash. Generated; do not edit.
if [[ -n "\${__tandem_loaded:-}" ]]; then builtin return 0; fi
__tandem_loaded=1
__tandem_nonce="\${TANDEM_SHELL_NONCE:-}"
__tandem_login="\${TANDEM_SHELL_LOGIN:-}"
builtin unset TANDEM_SHELL_NONCE TANDEM_SHELL_LOGIN

# The startup files bash reads by itself (--init-file replaces only ~/.bashrc).
if [[ -n "$__tandem_login" ]]; then
  [[ -r /etc/profile ]] && builtin . /etc/profile
  if [[ -r ~/.bash_profile ]]; then builtin . ~/.bash_profile
  elif [[ -r ~/.bash_login ]]; then builtin . ~/.bash_login
  elif [[ -r ~/.profile ]]; then builtin . ~/.profile
  fi
else
  [[ -r ~/.bashrc ]] && builtin . ~/.bashrc
fi
builtin unset __tandem_login

# Only interactive shells with a prompt get hooks.
[[ $- == *i* ]] || builtin return 0
if (( BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4) )); then
  builtin printf '\e]633;P;Integration=off:bash %s is too old for shell integration (4.4 or newer is needed)\a' "$BASH_VERSION"
  builtin return 0
fi

__tandem_ran=
__tandem_hist_next=
__tandem_hc_seen=
__tandem_hide_space=
__tandem_ps1_a='\[\e]133;A\a\]'
__tandem_ps1_b='\[\e]133;B\a\]'
# The array subscript is arithmetic: evaluating it sets __tandem_ran in the shell itself, not a subshell.
__tandem_ps0_mark='\${__tandem_noop[__tandem_ran=1]-}$(__tandem_command_mark)'
__tandem_cwd_seen=
__tandem_cwd_uri=

__tandem_escape() {
  # OSC 633 value escaping (as VS Code): backslash doubled, ';' and control chars as \xHH.
  builtin local s="\${1//\\/\\\\}"
  s="\${s//;/\\x3b}"
  if [[ $s == *[[:cntrl:]]* ]]; then
    builtin local out= c i
    for (( i = 0; i < \${#s}; i++ )); do
      c="\${s:i:1}"
      if [[ $c == [[:cntrl:]] ]]; then builtin printf -v c '\\x%02x' "'$c"; fi
      out+="$c"
    done
    s="$out"
  fi
  __tandem_escaped="$s"
}

__tandem_report_cwd() {
  if [[ "$PWD" != "$__tandem_cwd_seen" ]]; then
    __tandem_cwd_seen="$PWD"
    builtin local LC_ALL=C s="$PWD" out= c i
    for (( i = 0; i < \${#s}; i++ )); do
      c="\${s:i:1}"
      case "$c" in
        [a-zA-Z0-9/._~-]) out+="$c" ;;
        *) builtin printf -v c '%%%02X' "'$c"; out+="$c" ;;
      esac
    done
    __tandem_cwd_uri="file://\${HOSTNAME:-localhost}$out"
  fi
  builtin printf '\e]7;%s\a' "$__tandem_cwd_uri"
}

__tandem_adopt_histcontrol() {
  # Runs at each prompt: when HISTCONTROL is not what we last set, it is the user's new choice.
  if [[ -n "$__tandem_hc_seen" && "\${HISTCONTROL-}" == "$__tandem_hc_seen" ]]; then builtin return 0; fi
  builtin local v=":\${HISTCONTROL-}:" kept= part
  __tandem_hide_space=
  if [[ $v == *:ignorespace:* || $v == *:ignoreboth:* ]]; then __tandem_hide_space=1; fi
  builtin local IFS=:
  for part in \${HISTCONTROL-}; do
    case "$part" in
      ignorespace) ;;
      ignoreboth) kept+="\${kept:+:}ignoredups" ;;
      *) kept+="\${kept:+:}$part" ;;
    esac
  done
  if [[ -n "$__tandem_hide_space" ]]; then HISTCONTROL="$kept"; fi
  __tandem_hc_seen="\${HISTCONTROL-}"
}

# The line about to run, as history has it: "  123  text" (or "  123* text" once edited) → text.
# Sets __tandem_line and __tandem_line_num; returns 1 when history is off.
__tandem_history_line() {
  [[ -o history ]] || builtin return 1
  builtin local line
  line="$(HISTTIMEFORMAT= builtin history 1)"
  line="\${line#"\${line%%[![:space:]]*}"}"
  __tandem_line_num="\${line%%[!0-9]*}"
  line="\${line#"$__tandem_line_num"}"
  __tandem_line="\${line:2}"
}

# Runs in PS0's command substitution (a subshell): prints the E and C marks.
__tandem_command_mark() {
  if __tandem_history_line; then
    # Added now (its number is the one expected at the prompt), or dropped as a repeat of the last
    # entry (ignoredups), which then holds the same text. With HISTIGNORE a dropped line is unknown.
    if [[ "$__tandem_line_num" == "$__tandem_hist_next" || -z "\${HISTIGNORE-}" ]]; then
      if ! [[ -n "$__tandem_hide_space" && "$__tandem_line" == " "* ]]; then
        __tandem_escape "$__tandem_line"
        builtin printf '\e]633;E;%s;%s\a' "$__tandem_escaped" "$__tandem_nonce"
      fi
    fi
  fi
  builtin printf '\e]133;C\a'
}

# A line starting with a space went into history only because we took ignorespace over: drop it.
__tandem_forget_hidden_line() {
  [[ -n "$__tandem_hide_space" && "$HISTCMD" != "$__tandem_hist_next" ]] || builtin return 0
  __tandem_history_line || builtin return 0
  if [[ "$__tandem_line_num" == "$__tandem_hist_next" && "$__tandem_line" == " "* ]]; then
    builtin history -d "$__tandem_line_num" 2>/dev/null
  fi
}

__tandem_precmd() {
  builtin local code=$?
  if [[ -n "$__tandem_ran" ]]; then
    __tandem_ran=
    __tandem_forget_hidden_line
    builtin printf '\e]133;D;%s\a' "$code"
  fi
  __tandem_report_cwd
  __tandem_adopt_histcontrol
  __tandem_hist_next="$HISTCMD"
  builtin return $code
}

__tandem_prompt_ready() {
  builtin local code=$?
  if [[ "$PS1" != *"$__tandem_ps1_a"* ]]; then PS1="$__tandem_ps1_a$PS1$__tandem_ps1_b"; fi
  if [[ "\${PS0-}" != *"$__tandem_ps0_mark"* ]]; then PS0="$__tandem_ps0_mark\${PS0-}"; fi
  builtin return $code
}

if [[ -n "\${bash_preexec_imported:-}\${__bp_imported:-}" ]]; then
  # bash-preexec owns PROMPT_COMMAND: use its hook array.
  precmd_functions=(__tandem_precmd "\${precmd_functions[@]}" __tandem_prompt_ready)
elif [[ "$(builtin declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]]; then
  PROMPT_COMMAND=(__tandem_precmd "\${PROMPT_COMMAND[@]}" __tandem_prompt_ready)
else
  # Newlines, not "; ": the user's own value may end in ";" (";;" would be a syntax error) or a comment.
  PROMPT_COMMAND="__tandem_precmd"$'\n'"\${PROMPT_COMMAND:+$PROMPT_COMMAND$'\n'}__tandem_prompt_ready"
fi
`;
