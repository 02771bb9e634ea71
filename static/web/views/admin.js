/* 管理 (admins): radar users, roles and companies with their WeChat settings. The settings'
   secrets are write-only: the screen shows whether each is set, and an empty field keeps it. */
"use strict";

const SETTINGS = [
  ["corp_id", "企业微信 CorpID"], ["agent_id", "企业微信 AgentId"], ["corp_secret", "企业微信 Secret"],
  ["callback_token", "回调 Token"], ["callback_aes_key", "回调 EncodingAESKey"],
  ["mini_appid", "小程序 AppID"], ["mini_secret", "小程序 Secret"], ["gzh_appid", "公众号 AppID"], ["gzh_secret", "公众号 Secret"],
];

RW.views.admin = {
  data() {
    return {
      tab: "users", username: "",
      users: RW.pagedList(`${RW.Q}/user`, () => ({ username: this.username }), 20),
      roles: [], companies: [], editing: null, kind: "", settings: SETTINGS,
    };
  },
  created() {
    this.load();
  },
  watch: { tab() { this.load(); } },
  computed: {
    session() { return this.$root.session; },
    isSuper() { return Boolean(this.session.is_super_admin); },
  },
  methods: {
    async load() {
      await RW.attempt(async () => {
        const [roles] = await Promise.all([RW.get(`${RW.Q}/role`, { length: 0 }),
          this.tab === "users" ? this.users.load() : null]);
        this.roles = roles.ret_data;
        if (this.tab === "companies") this.companies = (await RW.get(`${RW.Q}/company`, { length: 0 })).ret_data;
      });
    },
    open(kind, values) {
      this.kind = kind;
      this.editing = values;
    },
    newUser() {
      this.open("user", { id: null, username: "", password: "", role_id: 2, company_id: this.session.company_id, status: 1 });
    },
    editUser(row) {
      this.open("user", { id: row.id, username: row.username, password: "", role_id: row.role_id, company_id: row.company_id,
                          status: row.status_code });
    },
    editCompany(row) {
      this.open("company", { id: row.id, name: row.name, configured: row.configured,
                             ...Object.fromEntries(SETTINGS.map(([field]) => [field, ""])) });
    },
    async save() {
      const form = { ...this.editing };
      const id = form.id;
      delete form.id;
      delete form.configured;
      for (const key of Object.keys(form)) if (form[key] === "" || form[key] === null) delete form[key];
      const paths = { user: "user", role: "role", company: "company" };
      await RW.attempt(async () => {
        await RW.post(`${RW.Q}/${paths[this.kind]}/${id ? `update/${id}` : "add/0"}`, form);
        this.editing = null;
        RW.notify("已保存", "ok");
        await this.load();
      });
    },
    async remove(kind, row) {
      if (!confirm(`删除「${row.username || row.name}」?`)) return;
      await RW.attempt(async () => {
        await RW.post(`${RW.Q}/${kind}/delete/${row.id}`);
        RW.notify("已删除", "ok");
        await this.load();
      });
    },
    time: RW.time,
  },
  template: `<section class="view admin">
    <header class="view-head"><h2>管理</h2></header>
    <rw-tabs :tabs="[['users', '用户'], ['roles', '角色'], ['companies', '公司']]" v-model="tab"></rw-tabs>
    <div v-if="tab === 'users'">
      <form class="filters" @submit.prevent="users.load().catch($root.fail)"><input v-model.trim="username" placeholder="按账号搜索" aria-label="账号">
        <button>搜索</button><span class="grow"></span><button type="button" class="primary" id="user-new" @click="newUser">添加用户</button></form>
      <table class="table" id="user-table"><thead><tr><th>账号</th><th>角色</th><th>公司</th><th>状态</th><th>最近登录</th><th></th></tr></thead>
        <tbody><tr v-for="row in users.rows" :key="row.id"><td>{{ row.username }}</td><td>{{ row.role_name }}</td><td>{{ row.company_name }}</td>
          <td>{{ row.status }}</td><td>{{ time(row.last_login_date) || '—' }}</td>
          <td class="row-actions"><button @click="editUser(row)">编辑</button><button class="danger" v-if="row.id !== session.user_id" @click="remove('user', row)">删除</button></td></tr></tbody></table>
      <rw-more :shown="users.rows.length" :total="users.total" :loading="users.loading" @more="users.load(false).catch($root.fail)"></rw-more>
    </div>
    <div v-if="tab === 'roles'">
      <p class="filters"><span class="grow"></span><button class="primary" @click="open('role', {id: null, name: ''})">添加角色</button></p>
      <ul class="list"><li v-for="row in roles" :key="row.id"><span class="grow">{{ row.name }}</span>
        <span class="row-actions"><button @click="open('role', {id: row.id, name: row.name})">改名</button>
          <button class="danger" @click="remove('role', row)">删除</button></span></li></ul>
    </div>
    <div v-if="tab === 'companies'">
      <p class="filters" v-if="isSuper"><span class="grow"></span><button class="primary" @click="open('company', {id: null, name: ''})">添加公司</button></p>
      <ul class="list" id="company-list"><li v-for="row in companies" :key="row.id"><div class="grow"><b>{{ row.name }}</b>
        <p class="chips small"><span v-for="[field, label] in settings" :key="field" class="chip" :class="{on: row.configured[field]}">{{ label }} {{ row.configured[field] ? '已设置' : '未设置' }}</span></p></div>
        <span class="row-actions"><button @click="editCompany(row)">设置</button>
          <button class="danger" v-if="isSuper" @click="remove('company', row)">删除</button></span></li></ul>
    </div>
    <rw-modal v-if="editing" :title="{user: '用户', role: '角色', company: '公司'}[kind] + (editing.id ? ' · 编辑' : ' · 添加')" @close="editing = null">
      <form class="form" @submit.prevent="save">
        <template v-if="kind === 'user'">
          <label>账号<input v-model.trim="editing.username" required maxlength="32" id="user-username"></label>
          <label>{{ editing.id ? '新密码 (留空不改)' : '密码' }}<input v-model="editing.password" type="password" autocomplete="new-password" :required="!editing.id" id="user-password"></label>
          <label>角色<select v-model.number="editing.role_id" id="user-role"><option v-for="role in roles" :key="role.id" :value="role.id">{{ role.name }}</option></select></label>
          <label v-if="editing.id">状态<select v-model.number="editing.status"><option :value="1">启用</option><option :value="2">停用</option></select></label>
        </template>
        <label v-if="kind === 'role'">名称<input v-model.trim="editing.name" required maxlength="32"></label>
        <template v-if="kind === 'company'">
          <label>名称<input v-model.trim="editing.name" :required="!editing.id" maxlength="64"></label>
          <template v-if="editing.id"><p class="muted small">留空的项保持不变;密钥只能写入,不会显示。</p>
            <label v-for="[field, label] in settings" :key="field">{{ label }}
              <input v-model.trim="editing[field]" :placeholder="editing.configured[field] ? '已设置' : '未设置'" autocomplete="off"></label></template>
        </template>
        <button class="primary" id="admin-save">保存</button>
      </form>
    </rw-modal>
  </section>`,
};
