// SPDX-License-Identifier: Apache-2.0
// Prometheus text format, read generically: every sample as {name, labels, value}, so that any metric family a
// part of the server adds (capa_*) shows up without the console knowing it.

export function parse(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) {
      continue;
    }
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    let name;
    let labels = {};
    if (brace > 0 && brace < space) {
      name = line.slice(0, brace);
      labels = parseLabels(line.slice(brace + 1, line.lastIndexOf('}')));
    } else {
      name = line.slice(0, line.indexOf(' '));
    }
    const value = Number(line.slice(space + 1));
    if (name && !Number.isNaN(value)) {
      samples.push({ name, labels, value });
    }
  }
  return samples;
}

function parseLabels(text) {
  const labels = {};
  const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  let m;
  while ((m = pattern.exec(text)) !== null) {
    labels[m[1]] = m[2].replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
  }
  return labels;
}

/** The sum of every sample named {@code name} whose labels include {@code match}. */
export function sum(samples, name, match = {}) {
  return samples.filter(s => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
      .reduce((total, s) => total + s.value, 0);
}

/** Every family whose name starts with prefix: name, number of series, and the sum of its values. */
export function families(samples, prefix) {
  const byName = new Map();
  for (const s of samples) {
    if (!s.name.startsWith(prefix)) {
      continue;
    }
    const f = byName.get(s.name) || { name: s.name, series: 0, total: 0 };
    f.series += 1;
    f.total += s.value;
    byName.set(s.name, f);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
