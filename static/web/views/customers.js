/* 客户: the address book in its three orders, and one customer's profile: information, tags,
   forecast, follow-up records with the common phrases, what they did and read, and the chat. */
"use strict";

const INFO_FIELDS = [
  ["username", "姓名"], ["memo_name", "备注名"], ["phone", "手机"], ["email", "邮箱"], ["company", "公司"],
  ["position", "职位"], ["address", "地址"], ["birthday", "生日"], ["mem", "备注"],
];

RW.views.customers = {
  props: ["param"],
  data() {
    return {
      order: "-last_activity_time",
      source: "",
      book: RW.pagedList(`${RW.Q}/tongxunlu`, () => ({ order: this.order, customer__source: this.source }), 20),
    };
  },
  created() {
    this.book.load().catch(RW.fail);
  },
  watch: {
    order() { this.book.load().catch(RW.fail); },
    source() { this.book.load().catch(RW.fail); },
  },
  methods: { go: RW.go },
  template: `<section class="view customers">
    <rw-customer v-if="param" :customer-id="Number(param)" :key="param"></rw-customer>
    <template v-else>
      <header class="view-head"><h2>客户</h2><span class="muted">{{ book.total }} 位</span></header>
      <div class="filters">
        <select v-model="order" aria-label="排序" id="book-order">
          <option value="-last_activity_time">最近活跃</option>
          <option value="-last_follow_time">最近跟进</option>
          <option value="-customer__expedted_pr">预计成交率</option>
        </select>
        <select v-model="source" aria-label="来源">
          <option value="">全部来源</option><option value="1">扫码</option><option value="2">转发</option>
        </select>
      </div>
      <ul class="list" id="customer-list">
        <li v-for="row in book.rows" :key="row.customer_id" @click="go('customers', row.customer_id)">
          <rw-avatar :src="row.headimgurl"></rw-avatar>
          <div class="grow"><b>{{ row.customer_username }}</b>
            <p class="muted small">{{ row.source_text }} · 活跃 {{ row.last_activity_time || '—' }} · {{ row.follow_status }}</p></div>
          <span class="pr" v-if="row.expedted_pr">{{ row.expedted_pr }}%</span>
        </li>
      </ul>
      <rw-empty v-if="!book.loading && !book.rows.length" text="还没有客户"></rw-empty>
      <rw-more :shown="book.rows.length" :total="book.total" :loading="book.loading" @more="book.load(false).catch($root.fail)"></rw-more>
    </template>
  </section>`,
};

RW.components["rw-customer"] = {
  props: { customerId: Number },
  data() {
    return {
      profile: null, groups: [], newTag: "", forecastPr: "", forecastDate: "", editing: null,
      notes: RW.pagedList(`${RW.Q}/follow_info`, () => ({ customer_id: this.customerId }), 10),
      note: "", phrases: [], newPhrase: "", counts: null, reads: [], fields: INFO_FIELDS,
    };
  },
  created() {
    this.load();
  },
  computed: {
    selected() {
      return this.groups.flatMap((group) => group.tags).filter((tag) => tag.is_select).map((tag) => tag.id);
    },
  },
  methods: {
    async load() {
      const id = { customer_id: this.customerId };
      await RW.attempt(async () => {
        const [profile, tags, phrases, counts, reads] = await Promise.all([
          RW.get(`${RW.Q}/customer`, id), RW.get(`${RW.Q}/tag_list`, id), RW.get(`${RW.Q}/follow_language`),
          RW.get(`${RW.Q}/action/customer_detail`, id), RW.get(`${RW.Q}/article/customer_read_info/0`, id),
          this.notes.load(),
        ]);
        this.profile = profile.ret_data[0];
        this.forecastPr = this.profile.expedted_pr;
        this.forecastDate = this.profile.expected_time;
        this.groups = tags.ret_data;
        this.phrases = phrases.data_count.follow_language_data;
        this.counts = counts[0][String(this.customerId)];
        this.reads = reads.ret_data;
      });
    },
    toggle(tag) {
      tag.is_select = !tag.is_select;
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/tag_list/customer_tag/${this.customerId}`, { tag_list: this.selected });
        this.profile = (await RW.get(`${RW.Q}/customer`, { customer_id: this.customerId })).ret_data[0];
      });
    },
    addTag() {
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/tag_list/add_tag/${this.customerId}`, { name: this.newTag });
        this.newTag = "";
        await this.load();
      }, "标签已添加");
    },
    savePr() {
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/customer/update_expected_pr/${this.customerId}`, { expedted_pr: String(this.forecastPr) });
        await Promise.all([this.notes.load(), this.reload()]);
      }, "预计成交率已更新");
    },
    saveDate() {
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/customer/update_expected_time/${this.customerId}`, { expected_time: this.forecastDate });
        await Promise.all([this.notes.load(), this.reload()]);
      }, "预计成交日期已更新");
    },
    async reload() {
      this.profile = (await RW.get(`${RW.Q}/customer`, { customer_id: this.customerId })).ret_data[0];
    },
    edit() {
      this.editing = Object.fromEntries(INFO_FIELDS.map(([field]) => [field, this.profile[field] || ""]));
      this.editing.sex = this.profile.sex || "";
    },
    saveInfo() {
      const changes = Object.fromEntries(Object.entries(this.editing).filter(([, value]) => value !== ""));
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/customer/update_information/${this.customerId}`, changes);
        this.editing = null;
        await this.reload();
      }, "资料已保存");
    },
    addNote() {
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/follow_info/add/${this.customerId}`, { follow_info: this.note });
        this.note = "";
        await this.notes.load();
      }, "已记录跟进");
    },
    addPhrase() {
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/follow_language/add/0`, { custom_language: this.newPhrase });
        this.newPhrase = "";
        this.phrases = (await RW.get(`${RW.Q}/follow_language`)).data_count.follow_language_data;
      });
    },
    removePhrase(phrase) {
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/follow_language/delete/${phrase.language_id}`);
        this.phrases = this.phrases.filter((row) => row !== phrase);
      });
    },
    remove() {
      if (!confirm(`删除客户「${this.profile.username}」?你与他的聊天、动态和跟进记录都会删除。`)) return;
      RW.attempt(async () => {
        await RW.post(`${RW.Q}/customer/delete/${this.customerId}`);
        RW.go("customers");
      }, "客户已删除");
    },
    go: RW.go,
    time: RW.time,
  },
  template: `<div class="profile" v-if="profile" id="customer-profile">
    <header class="view-head"><button class="icon" @click="go('customers')" aria-label="返回">←</button>
      <rw-avatar :src="profile.headimgurl" :size="48"></rw-avatar>
      <div class="grow"><h2>{{ profile.memo_name || profile.username }}</h2>
        <p class="muted small">来源 {{ profile.source }}<span v-if="profile.superior"> · 上级 {{ profile.superior }}</span></p></div>
      <button class="primary" id="to-chat" @click="go('chat', customerId)">发消息</button>
    </header>
    <div class="grid">
      <section class="card">
        <h3>资料 <button class="link" @click="edit">编辑</button></h3>
        <dl class="info"><template v-for="[field, label] in fields" :key="field">
          <dt>{{ label }}</dt><dd>{{ profile[field] || '—' }}</dd></template>
          <dt>性别</dt><dd>{{ profile.sex === 1 ? '男' : profile.sex === 2 ? '女' : '—' }}</dd></dl>
      </section>
      <section class="card">
        <h3>成交预测</h3>
        <form class="inline" @submit.prevent="savePr"><label>预计成交率 (%)
          <input id="forecast-pr" v-model="forecastPr" type="number" min="0" max="100" required></label><button>保存</button></form>
        <form class="inline" @submit.prevent="saveDate"><label>预计成交日期
          <input id="forecast-date" v-model="forecastDate" type="date" required></label><button>保存</button></form>
        <p class="muted small">AI 预测成交率 {{ profile.ai_pr || '—' }}</p>
      </section>
      <section class="card">
        <h3>标签</h3>
        <div v-for="group in groups" :key="group.name" class="tag-group"><span class="muted small">{{ group.name }}</span>
          <button v-for="tag in group.tags" :key="tag.id" class="tag" :class="{on: tag.is_select}" @click="toggle(tag)">{{ tag.name }}</button></div>
        <form class="inline" @submit.prevent="addTag"><input v-model.trim="newTag" placeholder="新标签" maxlength="32" required aria-label="新标签"><button>添加</button></form>
      </section>
      <section class="card" v-if="counts">
        <h3>行为 ({{ counts.totalCount }})</h3>
        <p class="chips"><span class="chip" v-for="item in counts.detail" :key="item.action">{{ item.name }} {{ item.count }}</span></p>
        <h3 v-if="reads.length">阅读的文章</h3>
        <ul class="plain"><li v-for="read in reads" :key="read.article_id">《{{ read.article_title }}》 阅读 {{ read.read_count }} 次 · 停留 {{ read.stay_time }} · 转发 {{ read.forward_count }}</li></ul>
      </section>
      <section class="card wide">
        <h3>跟进记录</h3>
        <form @submit.prevent="addNote" class="note-form">
          <textarea id="follow-text" v-model.trim="note" maxlength="256" rows="2" placeholder="写下这次跟进…" required></textarea>
          <p class="chips"><button type="button" class="chip phrase" v-for="phrase in phrases" :key="phrase.language_id" @click="note = phrase.language">
            {{ phrase.language }}<span v-if="phrase.user_id" class="x" title="删除常用语" @click.stop="removePhrase(phrase)">×</span></button></p>
          <div class="inline"><button class="primary" id="follow-submit">记录跟进</button>
            <input v-model.trim="newPhrase" placeholder="添加常用语" maxlength="64" aria-label="添加常用语">
            <button type="button" :disabled="!newPhrase" @click="addPhrase">添加</button></div>
        </form>
        <ul class="timeline" id="follow-list"><li v-for="row in notes.rows" :key="row.create_date + row.follow_info">
          <span class="muted small">{{ time(row.create_date) }} · {{ row.user_customer_flowup__user__username }}</span><p>{{ row.follow_info }}</p></li></ul>
        <rw-more :shown="notes.rows.length" :total="notes.total" :loading="notes.loading" @more="notes.load(false).catch($root.fail)"></rw-more>
      </section>
    </div>
    <p class="danger-zone"><button class="danger" @click="remove">删除客户</button></p>
    <rw-modal v-if="editing" title="编辑客户资料" @close="editing = null">
      <form class="form" @submit.prevent="saveInfo">
        <label v-for="[field, label] in fields" :key="field">{{ label }}
          <input v-model.trim="editing[field]" :type="field === 'birthday' ? 'date' : 'text'"></label>
        <label>性别<select v-model="editing.sex"><option value="">未知</option><option :value="1">男</option><option :value="2">女</option></select></label>
        <button class="primary">保存</button>
      </form>
    </rw-modal>
  </div>`,
};
