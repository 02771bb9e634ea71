/* The rows of hide_customer_data (readers with level and pid) as an ECharts tree under "me". A reader
   reached through someone not loaded yet hangs under a grey "…" for that someone. */
export function forwardTree(me, rows) {
  const root = { name: me, value: 0, level: 0, children: [] };
  const nodes = new Map(rows.map((row) => [row.customer_id, {
    name: row.customer_name, customer_id: row.customer_id, level: row.level, pid: row.pid,
    read_count: row.read_count, stay_time: row.stay_time, forward_count: row.forward_count, children: [],
  }]));
  const unseen = new Map();
  for (const node of nodes.values()) {
    let parent = root;
    if (node.pid && nodes.has(node.pid)) parent = nodes.get(node.pid);
    else if (node.pid) {
      if (!unseen.has(node.pid)) {
        const standIn = { name: "…", level: node.level - 1, unseen: true, children: [], itemStyle: { color: "#c0c4cc" } };
        unseen.set(node.pid, standIn);
        root.children.push(standIn);
      }
      parent = unseen.get(node.pid);
    }
    parent.children.push(node);
  }
  const order = [root];
  for (let i = 0; i < order.length; i++) order.push(...order[i].children); // breadth first
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    node.value = node.children.reduce((sum, child) => sum + child.value + 1, 0); // people below
    node.symbolSize = Math.min(40, 10 + 6 * Math.sqrt(node.value));
  }
  return root;
}
