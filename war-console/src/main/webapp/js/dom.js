// SPDX-License-Identifier: Apache-2.0
// DOM building without innerHTML: names of functions, modules, connectors... are text, never markup.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'onclick') {
      node.addEventListener('click', value);
    } else if (key === 'disabled') {
      node.disabled = Boolean(value);
    } else if (value !== undefined && value !== null) {
      node.setAttribute(key, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Replaces a table's content: a header row and one row per item (cells are text or nodes). */
export function fillTable(id, headers, rows, empty = 'none') {
  const table = document.getElementById(id);
  table.replaceChildren(
      el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
      el('tbody', {}, rows.length === 0
          ? el('tr', {}, el('td', { colspan: headers.length, class: 'empty' }, empty))
          : rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c))))));
}

export function short(digest) {
  return digest ? digest.slice(0, 12) : '';
}

export function bytes(n) {
  if (n === undefined || n === null) {
    return '';
  }
  return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(1) + ' MiB';
}

export function duration(seconds) {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor(seconds % 86400 / 3600);
  const m = Math.floor(seconds % 3600 / 60);
  return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm ' + seconds % 60 + 's';
}
