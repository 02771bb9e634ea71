/* 雷达: customers' actions as they happen (pushed by the socket, never polled), by time, by
   customer and by action, and one customer's action counts. */
"use strict";

RW.views.radar = {
  data() {
    return {
      tab: "time",
      action: "",
      feed: RW.pagedList(`${RW.Q}/action/time`, () => ({ action: this.action }), 20),
      byCustomer: [],
      byAction: {},
      fresh: new Set(),
      detail: null,
      actions: RW.ACTIONS,
    };
  },
  created() {
    this.off = [RW.on("action_log", (data) => this.arrived(data.ret_data)), RW.on("open", () => this.refresh())];
    RW.live.newActions = 0;
    this.refresh();
  },
  unmounted() {
    this.off.forEach((off) => off());
    clearTimeout(this.summaryTimer);
  },
  watch: {
    tab() { this.refresh(); },
    action() { this.feed.load().catch(RW.fail); },
  },
  computed: {
    actionCounts() {
      return Object.entries(this.byAction).map(([code, count]) => ({ code, count, name: RW.ACTIONS[code] || code }))
        .sort((a, b) => b.count - a.count);
    },
    largest() {
      return Math.max(1, ...this.actionCounts.map((row) => row.count));
    },
  },
  methods: {
    async refresh() {
      await RW.attempt(async () => {
        if (this.tab === "time") await this.feed.load();
        if (this.tab === "customer") this.byCustomer = await RW.get(`${RW.Q}/action/customer`);
        if (this.tab === "action") this.byAction = (await RW.get(`${RW.Q}/action/count`))[0].detail;
      });
    },
    arrived(items) {
      for (const item of items) {
        if (this.feed.rows.some((row) => row.id === item.id)) continue;
        if (this.action && String(item.action_code) !== String(this.action)) continue;
        this.feed.rows.unshift(item);
        this.feed.total += 1;
        this.fresh.add(item.id);
      }
      if (this.tab !== "time") {
        clearTimeout(this.summaryTimer); // a burst of actions refreshes the summary once
        this.summaryTimer = setTimeout(() => this.refresh(), 800);
      }
    },
    async open(customerId) {
      await RW.attempt(async () => {
        const [counts, profile] = await Promise.all([
          RW.get(`${RW.Q}/action/customer_detail`, { customer_id: customerId }),
          // A reader of a shared article may be someone else's customer: then the name is unknown here.
          RW.get(`${RW.Q}/customer`, { customer_id: customerId }).catch(() => null),
        ]);
        const name = profile ? profile.ret_data[0].username : "";
        this.detail = { id: customerId, name, mine: Boolean(profile), ...counts[0][String(customerId)] };
      });
    },
    go: RW.go,
    time: RW.time,
  },
  template: `<section class="view radar">
    <header class="view-head"><h2>雷达</h2>
      <span class="live-dot" :class="$root.live.state" :title="$root.live.state === 'open' ? '实时连接中' : '正在重连…'"></span>
    </header>
    <rw-tabs :tabs="[['time', '按时间'], ['customer', '按客户'], ['action', '按行为']]" v-model="tab"></rw-tabs>
    <div v-if="tab === 'time'">
      <div class="filters"><select v-model="action" aria-label="行为">
        <option value="">全部行为</option>
        <option v-for="(name, code) in actions" :key="code" :value="code">{{ name }}</option>
      </select></div>
      <ul class="feed" id="radar-feed">
        <li v-for="row in feed.rows" :key="row.id" :class="{fresh: fresh.has(row.id)}" @click="open(row.customer_id)">
          <rw-avatar :src="row.headimgurl"></rw-avatar>
          <div class="grow"><p class="log">{{ row.log }}</p>
            <p class="muted small"><span class="chip">{{ row.action }}</span> {{ row.customer_source_text }} · {{ time(row.create_date) }}</p></div>
          <span v-if="fresh.has(row.id)" class="badge">新</span>
        </li>
      </ul>
      <rw-empty v-if="!feed.loading && !feed.rows.length" text="还没有客户的动态。分享名片或文章后,客户的每个动作都会实时出现在这里。"></rw-empty>
      <rw-more :shown="feed.rows.length" :total="feed.total" :loading="feed.loading" @more="feed.load(false).catch($root.fail)"></rw-more>
    </div>
    <ul v-if="tab === 'customer'" class="list" id="radar-customers">
      <li v-for="row in byCustomer" :key="row.customer_id" @click="open(row.customer_id)">
        <rw-avatar :src="row.headimgurl"></rw-avatar>
        <div class="grow"><b>{{ row.customer__username }}</b>
          <p class="chips"><span class="chip" v-for="(item, code) in row.detail" :key="code">{{ item.name }} {{ item.count }}</span></p></div>
        <span class="count">{{ row.totalCount }}</span>
      </li>
      <rw-empty v-if="!byCustomer.length"></rw-empty>
    </ul>
    <ul v-if="tab === 'action'" class="bars" id="radar-actions">
      <li v-for="row in actionCounts" :key="row.code"><span class="bar-name">{{ row.name }}</span>
        <span class="bar"><i :style="{width: (100 * row.count / largest) + '%'}"></i></span><b>{{ row.count }}</b></li>
      <rw-empty v-if="!actionCounts.length"></rw-empty>
    </ul>
    <rw-modal v-if="detail" :title="(detail.name || '客户') + ' 的行为'" @close="detail = null">
      <p>共 <b>{{ detail.totalCount }}</b> 次</p>
      <ul class="bars"><li v-for="item in detail.detail" :key="item.action"><span class="bar-name">{{ item.name }}</span>
        <span class="bar"><i :style="{width: (100 * item.count / detail.totalCount) + '%'}"></i></span><b>{{ item.count }}</b></li></ul>
      <div class="actions" v-if="detail.mine">
        <button @click="go('customers', detail.id); detail = null">客户资料</button>
        <button class="primary" @click="go('chat', detail.id); detail = null">发消息</button>
      </div>
    </rw-modal>
  </section>`,
};
