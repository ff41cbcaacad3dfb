// Bridges (ties whose removal disconnects their component): Tarjan's low-link, iterative so
// thousands of partners never overflow the stack. n nodes, edges as parallel index arrays.
export function findBridges(n, sources, targets) {
  const adj = Array.from({ length: n }, () => []);
  sources.forEach((s, j) => {
    adj[s].push([targets[j], j]);
    adj[targets[j]].push([s, j]);
  });
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const found = [];
  let time = 0;
  for (let root = 0; root < n; root += 1) {
    if (disc[root] !== -1) continue;
    const stack = [[root, -1, 0]]; // node, edge used to reach it, next neighbour index
    disc[root] = low[root] = time++;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, via] = top;
      if (top[2] < adj[v].length) {
        const [w, j] = adj[v][top[2]++];
        if (j === via) continue;
        if (disc[w] === -1) {
          disc[w] = low[w] = time++;
          stack.push([w, j, 0]);
        } else low[v] = Math.min(low[v], disc[w]);
      } else {
        stack.pop();
        if (stack.length) {
          const u = stack[stack.length - 1][0];
          low[u] = Math.min(low[u], low[v]);
          if (low[v] > disc[u]) found.push(via);
        }
      }
    }
  }
  return found;
}
