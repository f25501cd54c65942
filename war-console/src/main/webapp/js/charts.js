// SPDX-License-Identifier: Apache-2.0
// Small time-series charts (uPlot, from its WebJar) of the last minutes, fed by the console's polling: each poll
// adds one point per series; a chart is built again when its set of series changes.

const WINDOW_SECONDS = 600;
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4d7c0f', '#be185d'];

export class Chart {
  constructor(containerId) {
    this.containerId = containerId;
    this.times = [];
    this.series = new Map(); // name -> values aligned with times
    this.plot = null;
    this.keys = '';
  }

  /** Adds the point of time t (seconds) for every series in values (name -> number). */
  add(t, values) {
    this.times.push(t);
    for (const name of Object.keys(values)) {
      if (!this.series.has(name)) {
        this.series.set(name, new Array(this.times.length - 1).fill(null));
      }
    }
    for (const [name, list] of this.series) {
      list.push(name in values ? values[name] : null);
    }
    while (this.times.length > 1 && this.times[0] < t - WINDOW_SECONDS) {
      this.times.shift();
      this.series.forEach(list => list.shift());
    }
  }

  draw() {
    const container = document.getElementById(this.containerId);
    if (!container || container.offsetParent === null || typeof uPlot === 'undefined') {
      return; // not on screen: drawn when its page shows
    }
    const names = [...this.series.keys()];
    const data = [this.times, ...names.map(n => this.series.get(n))];
    const keys = names.join('\n');
    if (this.plot && keys === this.keys) {
      this.plot.setData(data);
      return;
    }
    if (this.plot) {
      this.plot.destroy();
    }
    this.keys = keys;
    const options = {
      width: Math.max(260, Math.floor(container.clientWidth) || 320),
      height: 160,
      legend: { show: names.length > 0 },
      series: [{}, ...names.map((n, i) => ({ label: n, stroke: COLOURS[i % COLOURS.length], spanGaps: true }))],
      axes: [{}, { size: 50 }],
      // from 0, and at least to 1: a quiet minute is a flat line at the bottom, not a line in the middle
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max === null ? 1 : max * 1.1)] } },
    };
    this.plot = new uPlot(options, data, container);
  }
}
