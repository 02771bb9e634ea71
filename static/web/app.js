/* The workbench's shell: who is signed in, the menu their role may see, the live badges. */
"use strict";

const MENU = [
  ["radar", "雷达", "◎"], ["customers", "客户", "☺"], ["chat", "聊天", "✉"], ["articles", "文章", "✎"],
  ["card", "名片", "▣"], ["products", "产品", "◆"], ["boss", "Boss", "▲", [RW.ROLE_ADMIN, RW.ROLE_BOSS]],
  ["admin", "管理", "⚙", [RW.ROLE_ADMIN]],
];

const app = Vue.createApp({
  data: () => ({
    session: RW.session.get(),
    setup: location.pathname.replace(/\/$/, "") === "/setup",
    route: RW.route, live: RW.live, notices: RW.notices,
  }),
  computed: {
    menu() {
      if (!this.session) return [];
      return MENU.filter(([, , , roles]) => !roles || roles.includes(this.session.role_id));
    },
    view() {
      const names = this.menu.map(([name]) => name);
      return names.includes(this.route.name) ? this.route.name : "radar";
    },
  },
  created() {
    RW.onSignedOut = (reason) => this.signOut(reason);
    if (this.session) this.start();
    RW.on("action_log", () => {
      if (this.view !== "radar") RW.live.newActions += 1;
    });
  },
  watch: {
    view(name) {
      if (name === "radar") RW.live.newActions = 0;
    },
  },
  methods: {
    signedIn(session) {
      RW.session.set(session);
      this.session = session;
      this.setup = false;
      RW.go("radar");
      this.start();
    },
    start() {
      RW.connectLive();
      RW.get(`${RW.Q}/contact/query_num/0`).then((data) => { RW.live.unread = data.chatinfo_count; }).catch(RW.fail);
    },
    signOut(reason) {
      RW.disconnectLive();
      RW.session.clear();
      this.session = null;
      if (reason) RW.notify(reason, "error", 8000);
    },
    badge(name) {
      if (name === "chat") return this.live.unread;
      if (name === "radar") return this.live.newActions;
      return 0;
    },
    fail: RW.fail,
    go: RW.go,
  },
  template: `<div class="shell" :class="{signed: session}">
    <component v-if="!session" :is="setup ? 'view-setup' : 'view-login'" @signed-in="signedIn"></component>
    <template v-else>
      <header class="topbar"><b class="brand">诸葛雷达</b>
        <span class="grow muted small">{{ session.company_name }}</span>
        <rw-avatar :src="session.avatar" :size="28"></rw-avatar><span class="who">{{ session.username }}</span>
        <button class="link" id="sign-out" @click="signOut()">退出</button></header>
      <nav class="menu" id="menu">
        <a v-for="[name, label, icon] in menu" :key="name" :href="'#/' + name" :class="{active: view === name}" :data-view="name">
          <i>{{ icon }}</i><span>{{ label }}</span><em v-if="badge(name)" class="badge">{{ badge(name) }}</em></a>
      </nav>
      <main class="content"><component :is="'view-' + view" :param="route.param" :key="view"></component></main>
    </template>
    <div class="notices" aria-live="polite"><p v-for="notice in notices" :key="notice.id" :class="notice.kind">{{ notice.text }}</p></div>
  </div>`,
});

for (const [name, component] of Object.entries(RW.components)) app.component(name, component);
for (const [name, view] of Object.entries(RW.views)) app.component(`view-${name}`, view);
RW.app = app.mount("#app");
