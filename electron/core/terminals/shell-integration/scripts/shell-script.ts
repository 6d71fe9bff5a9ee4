/**
 * Template tag for shell scripts kept in TypeScript (so they are bundled into the pty host): the text is
 * taken raw, backslashes untouched, except that "\${" (needed to write a literal "${" in a template) becomes "${".
 */
export function shellScript(strings: TemplateStringsArray): string {
  return String.raw({ raw: strings.raw }).replaceAll('\\${', '${');
}
