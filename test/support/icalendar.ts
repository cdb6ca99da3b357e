/**
 * A small RFC 5545 reader for tests, written apart from the product's writer so that a slip in one
 * is not mirrored in the other: unfolds lines (CRLF + space or tab), splits name, parameters (quoted
 * values kept whole) and value, unescapes TEXT, and nests components. It refuses what a calendar
 * client would choke on: bare LF line ends, a line longer than 75 octets, unbalanced BEGIN/END.
 */
export interface ICalProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface ICalComponent {
  name: string;
  properties: ICalProperty[];
  components: ICalComponent[];
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseICalendar(text: string): ICalComponent {
  if (/[^\r]\n/.test(text)) throw new Error('bare LF: lines must end in CRLF');
  const physical = text.split('\r\n');
  if (physical[physical.length - 1] === '') physical.pop();
  for (const line of physical) if (new TextEncoder().encode(line).length > 75) throw new Error(`line over 75 octets: ${line}`);
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const root: ICalComponent = { name: '', properties: [], components: [] };
  const stack: ICalComponent[] = [root];
  for (const line of lines) {
    const property = parseLine(line);
    const top = stack[stack.length - 1]!;
    if (property.name === 'BEGIN') {
      const component: ICalComponent = { name: property.value.toUpperCase(), properties: [], components: [] };
      top.components.push(component);
      stack.push(component);
    } else if (property.name === 'END') {
      if (top.name !== property.value.toUpperCase()) throw new Error(`END:${property.value} closes ${top.name}`);
      stack.pop();
    } else {
      top.properties.push(property);
    }
  }
  if (stack.length !== 1 || root.components.length !== 1) throw new Error('unbalanced or multiple calendars');
  return root.components[0]!;
}

function parseLine(line: string): ICalProperty {
  let i = 0;
  let inQuotes = false;
  let colon = -1;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new Error(`no value: ${line}`);
  const head = line.slice(0, colon);
  const value = line.slice(colon + 1);
  const parts = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
  const name = parts.shift()!.toUpperCase();
  const params: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    params[part.slice(0, eq).toUpperCase()] = part.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name, params, value };
}

export function property(component: ICalComponent, name: string): ICalProperty | undefined {
  return component.properties.find((p) => p.name === name);
}

export function child(component: ICalComponent, name: string): ICalComponent | undefined {
  return component.components.find((c) => c.name === name);
}
