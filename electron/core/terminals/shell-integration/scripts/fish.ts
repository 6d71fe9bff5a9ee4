/**
 * Fish integration, sourced with `fish --init-command 'source <this>'`, which fish runs after the
 * user's config. Fish's own events carry what is needed:
 *   fish_preexec (gets the command line) → OSC 633;E;<line>;<nonce>, OSC 133;C
 *   fish_postexec                        → OSC 133;D;<status>
 *   fish_prompt (wrapped)                → OSC 133;A, OSC 7 with the cwd, the user's prompt, OSC 133;B
 */
import { shellScript } from './shell-script';

export const FISH_SCRIPT = shellScript`# Tandem shell integration for fish. Generated; do not edit.
if status is-interactive; and not set -q __tandem_loaded
  set -g __tandem_loaded 1
  set -g __tandem_nonce "$TANDEM_SHELL_NONCE"
  set -e TANDEM_SHELL_NONCE

  function __tandem_escape
    # OSC 633 value escaping (as VS Code): backslash doubled, ';' and control chars as \xHH.
    set -l s (string replace -a -- '\\' '\\\\' $argv[1] | string collect)
    set s (string replace -a -- ';' '\\x3b' $s | string collect)
    set s (string replace -a -- \n '\\x0a' $s | string collect)
    set s (string replace -a -- \r '\\x0d' $s | string collect)
    set s (string replace -a -- \t '\\x09' $s | string collect)
    set s (string replace -a -- \e '\\x1b' $s | string collect)
    set s (string replace -a -- \a '\\x07' $s | string collect)
    printf '%s' $s
  end

  function __tandem_preexec --on-event fish_preexec
    # fish does not save lines starting with a space: report none for them either.
    if not string match -q -- ' *' $argv[1]
      printf '\e]633;E;%s;%s\a' (__tandem_escape $argv[1]) $__tandem_nonce
    end
    printf '\e]133;C\a'
  end

  function __tandem_postexec --on-event fish_postexec
    set -l code $status
    printf '\e]133;D;%s\a' $code
  end

  function __tandem_report_cwd
    set -l path (string escape --style=url -- $PWD | string replace -a '%2F' '/')
    printf '\e]7;file://%s%s\a' $hostname $path
  end

  function __tandem_status
    return $argv[1]
  end

  if functions -q fish_prompt
    functions -c fish_prompt __tandem_user_fish_prompt
  else
    function __tandem_user_fish_prompt
      printf '%s> ' (prompt_pwd)
    end
  end

  function fish_prompt
    set -l code $status
    printf '\e]133;A\a'
    __tandem_report_cwd
    # Give the user's prompt the status it would have seen.
    __tandem_status $code
    __tandem_user_fish_prompt
    printf '\e]133;B\a'
  end
end
`;
