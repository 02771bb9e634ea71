/* 文章: my articles (write, edit, delete, share), and for each its readers and the propagation
   map (文章脉络图): the forward tree by level, each node sized by the people below it; a click
   shows the reader's transmit path, reads and forwards. The map grows as readers arrive. */
"use strict";

const ARTICLE_ACTIONS = new Set([14, 15, 16]);

// The rows of hide_customer_data (every reader with level and pid) as an ECharts tree under "me".
RW.forwardTree = (me, rows) => {
  const root = { name: me, value: 0, level: 0, children: [] };
  const nodes = new Map(rows.map((row) => [row.customer_id, {
    name: row.customer_name, customer_id: row.customer_id, level: row.level, pid: row.pid,
    read_count: row.read_count, stay_time: row.stay_time, forward_count: row.forward_count, children: [],
  }]));
  for (const node of nodes.values()) (nodes.get(node.pid) || root).children.push(node);
  const order = [root];
  for (let i = 0; i < order.length; i++) order.push(...order[i].children); // breadth first
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    node.value = node.children.reduce((sum, child) => sum + child.value + 1, 0); // people below
    node.symbolSize = Math.min(40, 10 + 6 * Math.sqrt(node.value));
  }
  return root;
};

RW.views.articles = {
  props: ["param"],
  data() {
    return {
      title: "", order: "-create_date", editing: null,
      list: RW.pagedList(`${RW.Q}/article/myarticle/0`, () => ({ title: this.title, order: this.order }), 10),
    };
  },
  created() {
    if (!this.param) this.list.load().catch(RW.fail);
  },
  watch: {
    order() { this.list.load().catch(RW.fail); },
    param(value) { if (!value) this.list.load().catch(RW.fail); },
  },
  methods: {
    search() { this.list.load().catch(RW.fail); },
    create() { this.editing = { title: "", summary: "", cover_picture: "", content: "" }; },
    async save() {
      await RW.attempt(async () => {
        const made = await RW.post(`${RW.Q}/article/add/0`, this.editing);
        this.editing = null;
        RW.notify("文章已发布", "ok");
        RW.go("articles", made.article_id);
      });
    },
    go: RW.go,
    time: RW.time,
    media: RW.media,
  },
  template: `<section class="view articles">
    <rw-article v-if="param" :article-id="Number(param)" :key="param"></rw-article>
    <template v-else>
      <header class="view-head"><h2>文章</h2><button class="primary" id="article-new" @click="create">写文章</button></header>
      <form class="filters" @submit.prevent="search">
        <input v-model.trim="title" placeholder="按标题搜索" aria-label="标题">
        <select v-model="order" aria-label="排序"><option value="-create_date">最新</option>
          <option value="-read_count">阅读最多</option><option value="-forward_count">转发最多</option></select>
        <button>搜索</button>
      </form>
      <ul class="list" id="article-list">
        <li v-for="row in list.rows" :key="row.id" @click="go('articles', row.id)">
          <img v-if="row.cover_picture" :src="media(row.cover_picture)" class="cover" alt="">
          <div class="grow"><b>{{ row.title }}</b><p class="muted small">{{ row.summary }}</p>
            <p class="muted small">阅读 {{ row.read_count }} · 转发 {{ row.forward_count }} · {{ time(row.create_date) }}</p></div>
        </li>
      </ul>
      <rw-empty v-if="!list.loading && !list.rows.length" text="还没有文章。写一篇,分享出去,看它如何传播。"></rw-empty>
      <rw-more :shown="list.rows.length" :total="list.total" :loading="list.loading" @more="list.load(false).catch($root.fail)"></rw-more>
    </template>
    <rw-modal v-if="editing" title="写文章" @close="editing = null">
      <rw-article-form v-model="editing" @submit="save"></rw-article-form>
    </rw-modal>
  </section>`,
};

RW.components["rw-article-form"] = {
  props: { modelValue: Object },
  emits: ["submit"],
  template: `<form class="form" @submit.prevent="$emit('submit')">
    <label>标题<input id="article-title" v-model.trim="modelValue.title" maxlength="100" required></label>
    <label>摘要<input v-model.trim="modelValue.summary" maxlength="200"></label>
    <label>封面图片地址<input v-model.trim="modelValue.cover_picture" placeholder="https://…"></label>
    <label>正文<textarea id="article-content" v-model="modelValue.content" rows="10" required></textarea></label>
    <button class="primary" id="article-save">保存</button></form>`,
};

RW.components["rw-article"] = {
  props: { articleId: Number },
  data: () => ({ article: null, tab: "map", readers: [], level: 0, ranking: [],
                 shareUrl: "", picked: null, editing: null }),
  created() {
    this.load();
    this.off = [RW.on("action_log", (data) => {
      if (data.ret_data.some((item) => ARTICLE_ACTIONS.has(item.action_code))) {
        clearTimeout(this.timer); // a burst of reads redraws the map once
        this.timer = setTimeout(() => this.load(), 600);
      }
    }), RW.on("open", () => this.load())];
  },
  unmounted() {
    this.off.forEach((off) => off());
    clearTimeout(this.timer);
  },
  watch: {
    tab(value) {
      if (value === "ranking") this.loadRanking();
      if (value === "share" && !this.shareUrl) this.loadShare();
    },
    level() { this.loadRanking(); },
  },
  computed: {
    levels() {
      return Math.max(0, ...this.readers.map((row) => row.level)); // every reader is here (length 0)
    },
    tree() {
      return RW.forwardTree(this.$root.session.username || "我", this.readers);
    },
    option() {
      return {
        tooltip: {
          trigger: "item",
          formatter: (item) => (item.data.level ? `${item.data.name}<br>第${item.data.level}层 · 阅读${item.data.read_count}次 · `
            + `停留${item.data.stay_time} · 下级${item.data.value}人` : `${item.data.name} (我)<br>读者 ${item.data.value} 人`),
        },
        series: [{
          type: "tree", data: [this.tree], orient: "TB", top: 40, bottom: 60, left: 30, right: 30,
          symbol: "circle", initialTreeDepth: -1, expandAndCollapse: false, roam: true,
          label: { position: "top", fontSize: 12 }, leaves: { label: { position: "bottom" } },
          itemStyle: { color: "#1677ff", borderColor: "#fff" }, lineStyle: { color: "#9bbcf5", curveness: 0.4 },
        }],
      };
    },
  },
  methods: {
    async load() {
      await RW.attempt(async () => {
        this.article = (await RW.get(`${RW.Q}/article/myarticle/${this.articleId}`)).ret_data[0];
        await this.loadReaders();
      });
    },
    async loadReaders() {
      await RW.attempt(async () => {
        const data = await RW.get(`${RW.Q}/article/hide_customer_data/${this.articleId}`, { length: 0 });
        this.readers = data.ret_data;
      });
    },
    async loadRanking() {
      await RW.attempt(async () => {
        this.ranking = (await RW.get(`${RW.Q}/article/customer_effect_ranking_by_level/${this.articleId}`,
                                     { level: this.level, length: 100 })).ret_data;
      });
    },
    async loadShare() {
      await RW.attempt(async () => {
        this.shareUrl = (await RW.get(`${RW.Q}/work_weixin_auth/create_gongzhonghao_share_auth_url`,
                                      { article_id: this.articleId })).share_url;
      });
    },
    async pick(node) {
      if (!node || !node.customer_id) return;
      const query = { customer_id: node.customer_id, pid: node.pid || "" };
      await RW.attempt(async () => {
        const [path, reads, forwards] = await Promise.all([
          RW.get(`${RW.Q}/article/query_customer_transmit_path/${this.articleId}`, { customer_id: node.customer_id, level: node.level }),
          RW.get(`${RW.Q}/article/get_article_access_log/${this.articleId}`, query),
          RW.get(`${RW.Q}/article/get_article_forward_info/${this.articleId}`, query),
        ]);
        this.picked = { node, path: path.ret_data, reads, forwards: forwards.ret_data };
      });
    },
    edit() {
      const { title, summary, cover_picture, content } = this.article;
      this.editing = { title, summary, cover_picture, content };
    },
    async save() {
      await RW.attempt(async () => {
        await RW.post(`${RW.Q}/article/update/${this.articleId}`, this.editing);
        this.editing = null;
        this.article = (await RW.get(`${RW.Q}/article/myarticle/${this.articleId}`)).ret_data[0];
        RW.notify("文章已保存", "ok");
      });
    },
    async remove() {
      if (!confirm(`删除文章《${this.article.title}》?它的传播数据也会删除。`)) return;
      await RW.attempt(async () => {
        await RW.post(`${RW.Q}/article/delete/${this.articleId}`);
        RW.notify("文章已删除", "ok");
        RW.go("articles");
      });
    },
    async copy() {
      try {
        await navigator.clipboard.writeText(this.shareUrl);
        RW.notify("链接已复制", "ok");
      } catch (error) {
        RW.notify("无法访问剪贴板,请手动复制", "error");
      }
    },
    go: RW.go,
    time: RW.time,
  },
  template: `<div v-if="article" class="article" id="article-detail">
    <header class="view-head"><button class="icon" @click="go('articles')" aria-label="返回">←</button>
      <div class="grow"><h2>{{ article.title }}</h2>
        <p class="muted small">阅读 {{ article.read_count }} · 转发 {{ article.forward_count }} · 读者 {{ readers.length }} 人 · 传播 {{ levels }} 层</p></div>
      <button @click="edit">编辑</button><button class="danger" @click="remove">删除</button></header>
    <rw-tabs :tabs="[['map', '传播脉络图'], ['readers', '潜在客户'], ['ranking', '层级排行'], ['share', '分享']]" v-model="tab"></rw-tabs>
    <div v-if="tab === 'map'" id="article-map">
      <rw-empty v-if="!readers.length" text="还没有人阅读。把分享链接发出去,读者和他们的转发会在这里长成一棵树。"></rw-empty>
      <rw-chart v-else :option="option" height="420px" @pick="pick"></rw-chart>
      <p class="muted small">点击一位读者查看他的传播路径、阅读和转发。节点越大,经他读到文章的人越多。</p>
    </div>
    <ul v-if="tab === 'readers'" class="list" id="article-readers">
      <li v-for="row in readers" :key="row.customer_id" @click="pick({customer_id: row.customer_id, pid: row.pid, level: row.level, name: row.customer_name})">
        <rw-avatar :src="row.customer_headimgurl"></rw-avatar>
        <div class="grow"><b>{{ row.customer_name }}</b><p class="muted small">{{ row.sex_text }} · {{ row.area || '—' }} · 第{{ row.level }}层</p></div>
        <div class="right small">阅读 {{ row.read_count }} · 停留 {{ row.stay_time }}</div></li>
      <rw-empty v-if="!readers.length"></rw-empty>
    </ul>
    <div v-if="tab === 'ranking'">
      <div class="filters"><select v-model.number="level" aria-label="层级"><option :value="0">全部层级</option>
        <option v-for="n in levels" :key="n" :value="n">第{{ n }}层</option></select></div>
      <table class="table"><thead><tr><th>读者</th><th>层级</th><th>阅读</th><th>停留</th><th>转发朋友</th><th>转发朋友圈</th></tr></thead>
        <tbody><tr v-for="row in ranking" :key="row.id"><td>{{ row.customer_name }}</td><td>{{ row.level }}</td><td>{{ row.read_count }}</td>
          <td>{{ row.stay_time }}</td><td>{{ row.forward_friend_count }}</td><td>{{ row.forward_friend_circle_count }}</td></tr></tbody></table>
      <rw-empty v-if="!ranking.length"></rw-empty>
    </div>
    <div v-if="tab === 'share'" class="card">
      <p>在企业微信或微信里打开这个链接分享给客户,读者的每次阅读和转发都会记在你的传播树上。</p>
      <p class="share-url" id="share-url">{{ shareUrl || '…' }}</p><button @click="copy" :disabled="!shareUrl">复制链接</button>
    </div>
    <rw-modal v-if="picked" :title="picked.node.name + ' · 第' + picked.node.level + '层'" @close="picked = null">
      <h4>传播路径</h4>
      <ol class="path" id="transmit-path"><li v-for="step in picked.path" :key="step.level">{{ step.customer_name || step.user_name + ' (我)' }}</li></ol>
      <h4>阅读记录 ({{ picked.reads.data_count }})</h4>
      <ul class="plain"><li v-for="read in picked.reads.ret_data" :key="read.article_access_log_id">{{ read.last_read_time }} · 停留 {{ read.stay_time || 0 }}</li></ul>
      <h4>转发</h4>
      <ul class="plain"><li v-for="row in picked.forwards" :key="row.customer_id">转发朋友 {{ row.forward_friend_count }} 次,朋友圈 {{ row.forward_friend_circle_count }} 次;
        带来 {{ row.forward_customer_read_people }} 位读者、{{ row.forward_customer_read_num }} 次阅读</li></ul>
    </rw-modal>
    <rw-modal v-if="editing" title="编辑文章" @close="editing = null"><rw-article-form v-model="editing" @submit="save"></rw-article-form></rw-modal>
  </div>`,
};
