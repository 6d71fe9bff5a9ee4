/**
 * Zsh integration through ZDOTDIR: zsh is started with ZDOTDIR pointing at Tandem's folder, whose
 * .zshenv/.zprofile/.zshrc/.zlogin each run the user's own file (with the user's ZDOTDIR in place while
 * it runs), so nothing the user wrote is edited or skipped. After the user's .zshrc the hooks are added;
 * after the last startup file ZDOTDIR goes back to the user's value so nested shells are unaffected.
 *   precmd (first)  → OSC 133;D;<status>, OSC 7 with the cwd
 *   precmd (last)   → wraps PS1 in OSC 133;A … 133;B
 *   preexec         → OSC 633;E;<line>;<nonce> (zsh passes the line exactly as typed), OSC 133;C
 */
import { shellScript } from './shell-script';

/** The startup file `name` (e.g. ".zshrc"): runs the user's, then `after`. */
function sourceUserFile(name: string, after = ''): string {
  return (
    shellScript`# Tandem shell integration for zsh. Generated; do not edit.
if [[ -f "\${TANDEM_USER_ZDOTDIR:-$HOME}/NAME" ]]; then
  __tandem_zdotdir="$ZDOTDIR"
  ZDOTDIR="\${TANDEM_USER_ZDOTDIR:-$HOME}"
  builtin . "$ZDOTDIR/NAME"
  # The user's file may have moved ZDOTDIR: later files come from there.
  TANDEM_USER_ZDOTDIR="$ZDOTDIR"
  ZDOTDIR="$__tandem_zdotdir"
fi
`.replaceAll('NAME', name) + after
  );
}

/** Gives ZDOTDIR back to the user once the last startup file has run. */
const RESTORE_ZDOTDIR = shellScript`if [[ -n "\${TANDEM_ZDOTDIR_UNSET:-}" ]]; then builtin unset ZDOTDIR; else ZDOTDIR="$TANDEM_USER_ZDOTDIR"; fi
builtin unset TANDEM_USER_ZDOTDIR TANDEM_ZDOTDIR_UNSET __tandem_zdotdir
`;

const HOOKS = shellScript`
if [[ -o interactive && -z "\${__tandem_loaded:-}" ]]; then
  typeset -g __tandem_loaded=1
  typeset -g __tandem_nonce="\${TANDEM_SHELL_NONCE:-}"
  builtin unset TANDEM_SHELL_NONCE
  typeset -g __tandem_running=
  typeset -g __tandem_ps1_a=$'%{\e]133;A\a%}'
  typeset -g __tandem_ps1_b=$'%{\e]133;B\a%}'

  __tandem_escape() {
    # OSC 633 value escaping (as VS Code): backslash doubled, ';' and control chars as \xHH.
    builtin local s="\${1//\\/\\\\}" out= c i
    s="\${s//;/\\x3b}"
    for (( i = 1; i <= \${#s}; i++ )); do
      c="\${s[i]}"
      if [[ $c == [[:cntrl:]] ]]; then builtin printf -v c '\\x%02x' "'$c"; fi
      out+="$c"
    done
    REPLY="$out"
  }

  __tandem_report_cwd() {
    builtin emulate -L zsh
    builtin setopt no_multibyte
    builtin local s="$PWD" out= c i
    for (( i = 1; i <= \${#s}; i++ )); do
      c="\${s[i]}"
      case "$c" in
        [a-zA-Z0-9/._~-]) out+="$c" ;;
        *) builtin printf -v c '%%%02X' "'$c"; out+="$c" ;;
      esac
    done
    builtin printf '\e]7;file://%s%s\a' "\${HOST:-localhost}" "$out"
  }

  __tandem_precmd() {
    builtin local code=$?
    if [[ -n "$__tandem_running" ]]; then
      builtin printf '\e]133;D;%s\a' "$code"
      __tandem_running=
    fi
    __tandem_report_cwd
    builtin return $code
  }

  __tandem_prompt_ready() {
    if [[ "$PS1" != *"$__tandem_ps1_a"* ]]; then PS1="$__tandem_ps1_a$PS1$__tandem_ps1_b"; fi
  }

  __tandem_preexec() {
    __tandem_running=1
    # histignorespace: the user asked for this line to be forgotten, so its text is not reported.
    if ! [[ -o histignorespace && "$1" == " "* ]]; then
      builtin local REPLY
      __tandem_escape "$1"
      builtin printf '\e]633;E;%s;%s\a' "$REPLY" "$__tandem_nonce"
    fi
    builtin printf '\e]133;C\a'
  }

  builtin typeset -ga precmd_functions preexec_functions
  precmd_functions=(__tandem_precmd $precmd_functions __tandem_prompt_ready)
  preexec_functions+=(__tandem_preexec)
fi
`;

/** File name → contents, written into the ZDOTDIR folder. */
export const ZSH_FILES: Record<string, string> = {
  '.zshenv': sourceUserFile('.zshenv'),
  '.zprofile': sourceUserFile('.zprofile'),
  // A login shell reads .zlogin after .zshrc; otherwise .zshrc is the last file.
  '.zshrc': sourceUserFile('.zshrc', HOOKS + '\nif [[ ! -o login ]]; then\n' + RESTORE_ZDOTDIR + 'fi\n'),
  '.zlogin': sourceUserFile('.zlogin', RESTORE_ZDOTDIR),
};
