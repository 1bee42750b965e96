// `pg`'s own conversion of parameter values, which the embedded driver shares so that both
// drivers send every value the same way (a subpath `pg` exports, without typings of its own).
declare module 'pg/lib/utils.js' {
  /** A JS value as `pg` sends it: text, bytes (a Buffer, sent as binary) or null. */
  export function prepareValue(value: unknown): string | Buffer | null;
}
