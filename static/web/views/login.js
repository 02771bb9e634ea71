/* Logging in (password, or the scan-code page which comes back here) and the first-run setup. */
"use strict";

RW.views = {};

// Both forms end in a session: the call's answer, or its error shown under the form.
const signingIn = {
  emits: ["signed-in"],
  data: () => ({ busy: false, error: "" }),
  methods: {
    async signIn(path, body) {
      this.busy = true;
      this.error = "";
      try {
        const session = await RW.publicPost(path, body);
        history.replaceState(null, "", "/"); // from /setup?token=… the address keeps no token
        this.$emit("signed-in", session);
      } catch (error) {
        this.error = error.message;
      } finally {
        this.busy = false;
      }
    },
  },
};

RW.views.login = {
  mixins: [signingIn],
  data: () => ({ username: "", password: "" }),
  methods: {
    submit() {
      return this.signIn("/zhugeleida/login", { username: this.username, password: this.password });
    },
  },
  template: `<main class="login">
    <form class="card login-card" @submit.prevent="submit">
      <h1>诸葛雷达</h1><p class="muted">销售雷达工作台</p>
      <label>账号<input id="login-username" v-model.trim="username" autocomplete="username" required></label>
      <label>密码<input id="login-password" v-model="password" type="password" autocomplete="current-password" required></label>
      <p class="error-text" v-if="error" id="login-error">{{ error }}</p>
      <button id="login-submit" class="primary" :disabled="busy">{{ busy ? '登录中…' : '登录' }}</button>
      <a class="muted" href="/zhugeleida/public/scan_login?next=/">用手机扫码登录</a>
    </form></main>`,
};

RW.views.setup = {
  mixins: [signingIn],
  data: () => ({ company: "", username: "", password: "", again: "" }),
  computed: {
    token: () => new URLSearchParams(location.search).get("token") || "",
  },
  methods: {
    submit() {
      if (this.password !== this.again) {
        this.error = "两次输入的密码不一致";
        return null;
      }
      return this.signIn("/zhugeleida/public/setup", {
        token: this.token, company: this.company, username: this.username, password: this.password,
      });
    },
  },
  template: `<main class="login">
    <form class="card login-card" @submit.prevent="submit">
      <h1>初始化诸葛雷达</h1>
      <p class="muted">创建公司和第一个管理员。这个链接只能用一次。</p>
      <p class="error-text" v-if="!token">链接缺少 token,请使用服务器启动时打印的完整链接。</p>
      <label>公司名称<input id="setup-company" v-model.trim="company" required maxlength="64"></label>
      <label>管理员账号<input id="setup-username" v-model.trim="username" autocomplete="username" required maxlength="32"></label>
      <label>密码 (至少6位)<input id="setup-password" v-model="password" type="password" autocomplete="new-password" required minlength="6"></label>
      <label>再输一次<input id="setup-again" v-model="again" type="password" autocomplete="new-password" required></label>
      <p class="error-text" v-if="error" id="setup-error">{{ error }}</p>
      <button id="setup-submit" class="primary" :disabled="busy || !token">{{ busy ? '创建中…' : '创建并登录' }}</button>
    </form></main>`,
};
