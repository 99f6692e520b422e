/**
 * Incremental CSV record splitter (RFC 4180): feed text chunks, get records with the
 * line number they start on. Handles quoted fields (commas, doubled quotes and line
 * breaks inside quotes), CRLF and LF line ends. Holds only the current unfinished
 * record between chunks, so files of any size stream through it.
 *
 * @example
 * const rd = new CsvRecordReader((fields, line) => rows.push([line, fields]));
 * rd.push('id,size\n1,"4"\n'); rd.end();
 * // rows: [[1, ["id", "size"]], [2, ["1", "4"]]]
 */

/** Called once per record; `line` is the 1-based line the record starts on. */
export type OnRecord = (fields: string[], line: number) => void;

export class CsvRecordReader {
  /** Text of an unfinished record carried over from the previous chunk. */
  private carry = "";
  /** 1-based number of the next line to be started. */
  private nextLine = 1;

  constructor(private readonly onRecord: OnRecord) {}

  /** Feed a chunk of text. */
  push(chunk: string): void {
    const text = this.carry === "" ? chunk : this.carry + chunk;
    this.carry = "";
    let start = 0;
    const n = text.length;
    // Position of the next quote at or after `start` (n when none): searched once, not per line.
    let q = -1;
    while (start < n) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) {
        this.carry = text.slice(start);
        return;
      }
      if (q < start) {
        q = text.indexOf('"', start);
        if (q < 0) q = n;
      }
      if (q > nl) {
        // Fast path: a whole line without quotes.
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const line = this.nextLine++;
        if (end > start) this.onRecord(text.slice(start, end).split(","), line);
        start = nl + 1;
        continue;
      }
      const consumed = this.quoted(text, start);
      if (consumed < 0) {
        this.carry = text.slice(start);
        return;
      }
      start = consumed;
    }
  }

  /** Line breaks fed so far (complete lines, including those inside an unfinished record). */
  linesSeen(): number {
    let n = this.nextLine - 1;
    for (let k = this.carry.indexOf("\n"); k >= 0; k = this.carry.indexOf("\n", k + 1)) n++;
    return n;
  }

  /**
   * Finish: emits the last record if the text did not end with a line break.
   * Returns the line number of an unterminated quoted field, or 0 when all is well.
   */
  end(): number {
    if (this.carry === "") return 0;
    const text = this.carry;
    this.carry = "";
    if (text.indexOf('"') < 0) {
      const t = text.endsWith("\r") ? text.slice(0, -1) : text;
      if (t !== "") this.onRecord(t.split(","), this.nextLine++);
      return 0;
    }
    const consumed = this.quoted(`${text}\n`, 0);
    return consumed < 0 ? this.nextLine : 0;
  }

  /**
   * Parse one record containing quotes, starting at `start`. Returns the index after the
   * record's line break, or -1 when the record is not complete in `text`.
   */
  private quoted(text: string, start: number): number {
    const fields: string[] = [];
    let field = "";
    let i = start;
    let breaks = 0;
    const n = text.length;
    for (;;) {
      if (i >= n) return -1;
      if (text.charCodeAt(i) === 34) {
        // Quoted field.
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return -1;
          const piece = text.slice(i, q);
          for (let k = piece.indexOf("\n"); k >= 0; k = piece.indexOf("\n", k + 1)) breaks++;
          field += piece;
          if (q + 1 >= n) return -1;
          if (text.charCodeAt(q + 1) === 34) {
            field += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        // Characters after the closing quote up to the delimiter are kept as typed.
      }
      // Unquoted remainder of the field.
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10) break;
        j++;
      }
      if (j >= n) return -1;
      let piece = text.slice(i, j);
      if (text.charCodeAt(j) === 10 && piece.endsWith("\r")) piece = piece.slice(0, -1);
      field += piece;
      fields.push(field);
      field = "";
      if (text.charCodeAt(j) === 10) {
        const line = this.nextLine;
        this.nextLine += 1 + breaks;
        this.onRecord(fields, line);
        return j + 1;
      }
      i = j + 1;
    }
  }
}
