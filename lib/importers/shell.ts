/**
 * Splits shell text into commands and words as bash would for the commands DevTools and API docs
 * print: single and double quotes, `$'…'` (ANSI-C quoting, Chrome's "Copy as cURL"), backslash
 * escapes and line continuations; `;`, `&&`, `||`, `|` and newlines end a command. No expansion.
 */
const ANSI: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  v: "\v",
};

export function splitCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "\\") {
      const next = text[i + 1] ?? "";
      if (next === "\n" || (next === "\r" && text[i + 2] === "\n")) {
        i += next === "\r" ? 2 : 1;
        continue;
      }
      word += next;
      inWord = true;
      i++;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      inWord = true;
      i = end < 0 ? text.length : end;
    } else if (ch === "$" && text[i + 1] === "'") {
      i += 2;
      for (; i < text.length && text[i] !== "'"; i++) {
        if (text[i] === "\\" && i + 1 < text.length) {
          const e = text[++i] ?? "";
          if (e === "x" || e === "u") {
            const hex = /^[0-9a-fA-F]+/.exec(text.slice(i + 1, i + (e === "x" ? 3 : 5)))?.[0] ?? "";
            word += hex ? String.fromCharCode(parseInt(hex, 16)) : e;
            i += hex.length;
          } else word += ANSI[e] ?? `\\${e}`;
        } else word += text[i];
      }
      inWord = true;
    } else if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\" && /["\\$`\n]/.test(text[i + 1] ?? "")) i++;
        word += text[i];
      }
      inWord = true;
    } else if (ch === "#" && !inWord) {
      while (i < text.length && text[i] !== "\n") i++;
      endCommand();
    } else if (ch === "\n" || ch === ";" || ch === "|" || (ch === "&" && text[i + 1] === "&")) {
      if (ch === "&" || (ch === "|" && text[i + 1] === "|")) i++;
      endCommand();
    } else if (/\s/.test(ch)) endWord();
    else {
      word += ch;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}
