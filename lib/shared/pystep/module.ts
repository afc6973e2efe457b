/**
 * A module a step imports (`datetime`, `pendulum`, `time`): its functions are its methods, `attrs` its other names (a
 * class among them is called as `datetime.date(2024, 1, 1)` calls it).
 */
import { PyFunc, PyObject, type PyVal } from "./values";

type Kw = ReadonlyMap<string, PyVal>;

export class PyModule extends PyObject {
  readonly type = "module";
  constructor(
    readonly name: string,
    private readonly fns: Readonly<Record<string, (a: PyVal[], kw: Kw) => PyVal>>,
    private readonly attrs: Readonly<Record<string, PyVal>> = {},
  ) {
    super();
  }
  repr(): string {
    return `<module '${this.name}'>`;
  }
  hash(): string {
    return `M${this.name}`;
  }
  equals(o: PyVal): boolean {
    return o === this;
  }
  override attr(name: string): PyVal | undefined {
    if (Object.hasOwn(this.attrs, name)) return this.attrs[name];
    const fn = Object.hasOwn(this.fns, name) ? this.fns[name]! : undefined;
    return fn ? new PyFunc(null, name, null, (a, kw) => fn(a, kw ?? new Map())) : undefined;
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    if (Object.hasOwn(this.fns, name)) return this.fns[name]!(a, kw);
    const named = Object.hasOwn(this.attrs, name) ? this.attrs[name] : undefined;
    return named instanceof PyObject ? named.call(a, kw) : undefined;
  }
}
