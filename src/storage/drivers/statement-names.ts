import { createHash } from 'node:crypto';

// Parameterised statements are prepared once per connection under a name derived from their
// text, sparing PostgreSQL the parse and plan of hot queries. Bounded, because filters make SQL
// text vary: past the limit, statements run unnamed.
const preparedLimit = 500;

/** Names prepared statements by their text: the same name for the same text, in every driver. */
export class StatementNames {
  readonly #names = new Map<string, string>();

  /** The statement's name, or undefined once the limit is reached (it then runs unnamed). */
  of(sql: string): string | undefined {
    const known = this.#names.get(sql);
    if (known !== undefined || this.#names.size >= preparedLimit) return known;
    const name = `t_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    this.#names.set(sql, name);
    return name;
  }
}
