/* Compiled from app.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 3d64dd0f221b265bcb2a6b8d5fc6da5e363257155c1d8ad910ae91d26ebfcc0e */
/* The workbench's shell: who is signed in, the menu their role may see, the live badges, the screen
   of the route (its module loaded when first opened). */
import { defineAsyncComponent, h, markRaw } from "vue";
import AlertSettings from "./alert-settings.js";
import { alerts, answerOffer, watchCustomers } from "./alerts.js";
import { auth, dropSession, get, keepSession, onSignedOut, Q } from "./api.js";
import { connectLive, disconnectLive, live, on } from "./live.js";
import { DOORS, SCREENS } from "./menu.js";
import { dismiss, fail, notices, notify } from "./notices.js";
import { go, route } from "./router.js";

const LoadFailed = { render: () => h("p", { class: "error-text" }, "页面加载失败,请检查网络后刷新") };
const loaded = new Map();

// One async component per screen, made when first needed.
function screen(name, load) {
  if (!loaded.has(name)) {
    loaded.set(name, markRaw(defineAsyncComponent({ loader: load, errorComponent: LoadFailed, onError: (error, retry, stop) => {
      fail(error);
      stop();
    } })));
  }
  return loaded.get(name);
}

const _sfc_main = {
  components: { "rw-alert-settings": AlertSettings },
  data: () => ({
    auth, route, live, notices, alerts,
    setup: location.pathname.replace(/\/$/, "") === "/setup",
  }),
  computed: {
    session() {
      return this.auth.session;
    },
    menu() {
      if (!this.session) return [];
      return SCREENS.filter((item) => !item.roles || item.roles.includes(this.session.role_id));
    },
    view() {
      const names = this.menu.map((item) => item.name);
      return names.includes(this.route.name) ? this.route.name : "radar";
    },
    door() {
      return this.setup ? screen("setup", DOORS.setup) : screen("login", DOORS.login);
    },
    current() {
      return screen(this.view, this.menu.find((item) => item.name === this.view).load);
    },
  },
  created() {
    onSignedOut((reason) => this.signOut(reason));
    watchCustomers();
    if (this.session) this.start();
    on("action_log", () => {
      if (this.view !== "radar") live.newActions += 1;
    });
  },
  watch: {
    view(name) {
      if (name === "radar") live.newActions = 0;
    },
  },
  methods: {
    answerOffer,
    dismiss,
    signedIn(session) {
      keepSession(session);
      this.setup = false;
      go("radar");
      this.start();
    },
    start() {
      connectLive();
      get(`${Q}/contact/query_num/0`).then((data) => { live.unread = data.chatinfo_count; }).catch(fail);
    },
    signOut(reason) {
      disconnectLive();
      dropSession();
      live.unread = 0;
      if (reason) notify(reason, "error", 8000);
    },
    badge(name) {
      if (name === "chat") return this.live.unread;
      if (name === "radar") return this.live.newActions;
      return 0;
    },
  },
};
import { resolveDynamicComponent as _resolveDynamicComponent, openBlock as _openBlock, createBlock as _createBlock, createCommentVNode as _createCommentVNode, createElementVNode as _createElementVNode, toDisplayString as _toDisplayString, resolveComponent as _resolveComponent, createVNode as _createVNode, renderList as _renderList, Fragment as _Fragment, createElementBlock as _createElementBlock, normalizeClass as _normalizeClass } from "vue"

const _hoisted_1 = { class: "topbar" }
const _hoisted_2 = { class: "grow muted small" }
const _hoisted_3 = { class: "who" }
const _hoisted_4 = {
  class: "menu",
  id: "menu"
}
const _hoisted_5 = ["href", "data-view"]
const _hoisted_6 = {
  key: 0,
  class: "badge"
}
const _hoisted_7 = { class: "content" }
const _hoisted_8 = {
  key: 0,
  class: "alert-offer",
  id: "alert-offer"
}
const _hoisted_9 = {
  class: "notices",
  "aria-live": "polite"
}
const _hoisted_10 = ["onClick"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_alert_settings = _resolveComponent("rw-alert-settings")
  const _component_rw_avatar = _resolveComponent("rw-avatar")

  return (_openBlock(), _createElementBlock("div", {
    class: _normalizeClass(["shell", {signed: $options.session}])
  }, [
    (!$options.session)
      ? (_openBlock(), _createBlock(_resolveDynamicComponent($options.door), {
          key: 0,
          onSignedIn: $options.signedIn
        }, null, 40 /* PROPS, NEED_HYDRATION */, ["onSignedIn"]))
      : (_openBlock(), _createElementBlock(_Fragment, { key: 1 }, [
          _createElementVNode("header", _hoisted_1, [
            _cache[3] || (_cache[3] = _createElementVNode("b", { class: "brand" }, "诸葛雷达", -1 /* CACHED */)),
            _createElementVNode("span", _hoisted_2, _toDisplayString($options.session.company_name), 1 /* TEXT */),
            _createVNode(_component_rw_alert_settings),
            _createVNode(_component_rw_avatar, {
              src: $options.session.avatar,
              size: 28
            }, null, 8 /* PROPS */, ["src"]),
            _createElementVNode("span", _hoisted_3, _toDisplayString($options.session.username), 1 /* TEXT */),
            _createElementVNode("button", {
              class: "link",
              id: "sign-out",
              onClick: _cache[0] || (_cache[0] = $event => ($options.signOut()))
            }, "退出")
          ]),
          _createElementVNode("nav", _hoisted_4, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.menu, (item) => {
              return (_openBlock(), _createElementBlock("a", {
                key: item.name,
                href: '#/' + item.name,
                class: _normalizeClass({active: $options.view === item.name}),
                "data-view": item.name
              }, [
                _createElementVNode("i", null, _toDisplayString(item.icon), 1 /* TEXT */),
                _createElementVNode("span", null, _toDisplayString(item.label), 1 /* TEXT */),
                ($options.badge(item.name))
                  ? (_openBlock(), _createElementBlock("em", _hoisted_6, _toDisplayString($options.badge(item.name)), 1 /* TEXT */))
                  : _createCommentVNode("v-if", true)
              ], 10 /* CLASS, PROPS */, _hoisted_5))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          _createElementVNode("main", _hoisted_7, [
            (!_ctx.alerts.answered)
              ? (_openBlock(), _createElementBlock("p", _hoisted_8, [
                  _cache[4] || (_cache[4] = _createElementVNode("span", { class: "grow" }, "客户发来消息、第一次打开你的名片、约好的跟进时间到了时,响一声并弹出桌面通知?", -1 /* CACHED */)),
                  _createElementVNode("button", {
                    class: "primary",
                    id: "alert-offer-yes",
                    onClick: _cache[1] || (_cache[1] = $event => ($options.answerOffer(true)))
                  }, "开启提醒"),
                  _createElementVNode("button", {
                    id: "alert-offer-no",
                    onClick: _cache[2] || (_cache[2] = $event => ($options.answerOffer(false)))
                  }, "不用了")
                ]))
              : _createCommentVNode("v-if", true),
            (_openBlock(), _createBlock(_resolveDynamicComponent($options.current), {
              param: _ctx.route.param,
              key: $options.view
            }, null, 8 /* PROPS */, ["param"]))
          ])
        ], 64 /* STABLE_FRAGMENT */)),
    _createElementVNode("div", _hoisted_9, [
      (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.notices, (notice) => {
        return (_openBlock(), _createElementBlock("p", {
          key: notice.id,
          class: _normalizeClass(notice.kind),
          title: "点击关闭",
          onClick: $event => ($options.dismiss(notice))
        }, _toDisplayString(notice.text), 11 /* TEXT, CLASS, PROPS */, _hoisted_10))
      }), 128 /* KEYED_FRAGMENT */))
    ])
  ], 2 /* CLASS */))
}
_sfc_main.render = render;
export default _sfc_main;
