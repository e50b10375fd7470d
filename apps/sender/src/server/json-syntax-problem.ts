/**
 * What is wrong with a request body that is not JSON, without quoting it: V8's message for an
 * unexpected token quotes the text around it (`Unexpected token 'B', ..."ization": Bearer sk_"... is
 * not valid JSON`), which can be a secret the caller was sending. The position-only messages
 * ("… in JSON at position 6") are kept as they are.
 */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The quote is either the whole text or an excerpt of it (`..."ization": Bearer sk_"...`).
  const quoted = /^(Unexpected token '.{1,2}'), .* is not valid JSON$/s.exec(message);
  if (quoted) return `${quoted[1]} (the body is not valid JSON)`;
  return message.length <= 160 && !message.includes('"') ? message : 'the body is not valid JSON';
}
