/* Compiled from radar.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 152b99816385a42f3dcc2bcc2c08490bc8f686ba86bcbe34db5dba190b826173 */
/* 雷达: customers' actions as they happen (pushed by the socket, never polled), by time (grouped by
   day, 刚刚 and 5分钟前 ticking on their own, searched by customer), by customer and by action, and one
   customer's counts; beside them 今日待跟进 (refreshed by the socket's follow_due push) and, for an
   admin, the setup checklist while something is missing. */
import { defineAsyncComponent } from "vue";
import { auth, get, pagedList, Q, ROLE_ADMIN } from "../api.js";
import { ACTIONS, ago, byDay, dayLabel, planned } from "../format.js";
import { live, on } from "../live.js";
import { attempt, fail } from "../notices.js";
import { go } from "../router.js";

const TYPING_MS = 300; // a search waits for the typing to pause
const isAdmin = () => auth.session.role_id === ROLE_ADMIN;

const _sfc_main = {
  // Admins alone see the checklist: its module loads for them only.
  components: { "rw-checklist": defineAsyncComponent(() => import("./checklist.js")) },
  data() {
    return {
      tab: "time",
      action: "",
      search: "",
      searched: "",
      feed: pagedList(`${Q}/action/time`, () => ({ action: this.action, search: this.searched })),
      // Admins have no card, so no customers to follow up.
      due: isAdmin() ? null : pagedList(`${Q}/follow_info/due`, () => ({}), { length: 10 }),
      isAdmin: isAdmin(),
      byCustomer: [],
      byAction: {},
      fresh: new Set(),
      detail: null,
      actions: ACTIONS,
      live,
    };
  },
  created() {
    this.off = [on("action_log", (data) => this.arrived(data.ret_data)), on("follow_due", () => this.refreshDue()),
                on("open", () => { this.refresh(); this.refreshDue(); })];
    live.newActions = 0;
    this.refresh();
    if (this.due) this.due.load().catch(fail);
  },
  unmounted() {
    this.off.forEach((off) => off());
    clearTimeout(this.summaryTimer);
    clearTimeout(this.typing);
  },
  watch: {
    tab() { this.refresh(); },
    action() { this.loadFeed().catch(fail); },
    search(text) {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => {
        this.searched = text.trim();
        this.loadFeed().catch(fail);
      }, TYPING_MS);
    },
  },
  computed: {
    actionCounts() {
      return Object.entries(this.byAction).map(([code, count]) => ({ code, count, name: ACTIONS[code] || code }))
        .sort((a, b) => b.count - a.count);
    },
    largest() {
      return Math.max(1, ...this.actionCounts.map((row) => row.count));
    },
    days() {
      return byDay(this.feed.rows, (row) => row.create_date);
    },
  },
  methods: {
    async refresh() {
      await attempt(async () => {
        if (this.tab === "time") await this.loadFeed();
        if (this.tab === "customer") this.byCustomer = await get(`${Q}/action/customer`);
        if (this.tab === "action") this.byAction = (await get(`${Q}/action/count`))[0].detail;
      });
    },
    // The feed's first page again. An action pushed while a page was on its way may be missing from it
    // (read before the action was written): the last load to finish puts those back, so nothing pushed
    // disappears.
    async loadFeed() {
      this.loadsInFlight = (this.loadsInFlight || 0) + 1;
      if (this.loadsInFlight === 1) this.pushedDuringLoad = [];
      try {
        await this.feed.load();
      } finally {
        this.loadsInFlight -= 1;
        if (!this.loadsInFlight) this.putBackPushed();
      }
    },
    putBackPushed() {
      const during = this.pushedDuringLoad;
      this.pushedDuringLoad = null;
      if (this.searched) return;
      for (const item of during) {
        if (this.feed.rows.some((row) => row.id === item.id)) continue;
        if (this.action && String(item.action_code) !== String(this.action)) continue;
        this.feed.rows.unshift(item);
        this.feed.total += 1;
      }
    },
    refreshDue() {
      if (this.due) this.due.refresh().catch(fail);
    },
    // A customer's actions pushed: into the feed at once; a search's matches are the server's to say.
    arrived(items) {
      if (this.pushedDuringLoad) this.pushedDuringLoad.push(...items);
      if (this.searched) {
        this.later();
        return;
      }
      for (const item of items) {
        const shown = this.feed.rows.findIndex((row) => row.id === item.id);
        if (shown >= 0) { // the same action again within the repeat window: one entry, counted once
          this.feed.rows.splice(shown, 1, item);
          this.fresh.add(item.id);
          continue;
        }
        if (this.action && String(item.action_code) !== String(this.action)) continue;
        this.feed.rows.unshift(item);
        this.feed.total += 1;
        this.fresh.add(item.id);
      }
      if (this.tab !== "time") this.later();
    },
    later() {
      clearTimeout(this.summaryTimer); // a burst of actions refreshes once
      this.summaryTimer = setTimeout(() => this.refresh(), 800);
    },
    clearSearch() {
      this.search = "";
    },
    late(row) {
      return dayLabel(row.next_time) === "今天" ? "到时间了" : "已逾期";
    },
    async open(customerId) {
      await attempt(async () => {
        const [counts, profile] = await Promise.all([
          get(`${Q}/action/customer_detail`, { customer_id: customerId }),
          // A reader of a shared article may be someone else's customer: then the name is unknown here.
          get(`${Q}/customer`, { customer_id: customerId }).catch(() => null),
        ]);
        const name = profile ? profile.ret_data[0].username : "";
        this.detail = { id: customerId, name, mine: Boolean(profile), ...counts[0][String(customerId)] };
      });
    },
    ago,
    go,
    planned,
  },
};
import { createElementVNode as _createElementVNode, normalizeClass as _normalizeClass, resolveComponent as _resolveComponent, openBlock as _openBlock, createBlock as _createBlock, createCommentVNode as _createCommentVNode, toDisplayString as _toDisplayString, createTextVNode as _createTextVNode, renderList as _renderList, Fragment as _Fragment, createElementBlock as _createElementBlock, createVNode as _createVNode, vModelText as _vModelText, withDirectives as _withDirectives, vModelSelect as _vModelSelect, withCtx as _withCtx, normalizeStyle as _normalizeStyle } from "vue"

const _hoisted_1 = { class: "view radar" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = ["title"]
const _hoisted_4 = {
  key: 0,
  class: "card due-panel",
  id: "due-panel"
}
const _hoisted_5 = {
  class: "muted",
  id: "due-total"
}
const _hoisted_6 = {
  class: "list compact",
  id: "due-list"
}
const _hoisted_7 = ["data-customer", "onClick"]
const _hoisted_8 = { class: "grow ellipsis" }
const _hoisted_9 = {
  key: 0,
  class: "chip due"
}
const _hoisted_10 = { class: "muted small" }
const _hoisted_11 = {
  key: 0,
  class: "muted small",
  id: "due-none"
}
const _hoisted_12 = { class: "radar-main" }
const _hoisted_13 = { key: 0 }
const _hoisted_14 = { class: "filters" }
const _hoisted_15 = ["value"]
const _hoisted_16 = { id: "radar-feed" }
const _hoisted_17 = { class: "day-sep" }
const _hoisted_18 = { class: "feed" }
const _hoisted_19 = ["onClick"]
const _hoisted_20 = { class: "grow" }
const _hoisted_21 = { class: "log" }
const _hoisted_22 = { class: "muted small" }
const _hoisted_23 = { class: "chip" }
const _hoisted_24 = ["title"]
const _hoisted_25 = ["datetime"]
const _hoisted_26 = {
  key: 0,
  class: "badge"
}
const _hoisted_27 = {
  key: 1,
  class: "list",
  id: "radar-customers"
}
const _hoisted_28 = ["onClick"]
const _hoisted_29 = { class: "grow" }
const _hoisted_30 = { class: "chips" }
const _hoisted_31 = { class: "count" }
const _hoisted_32 = {
  key: 2,
  class: "bars",
  id: "radar-actions"
}
const _hoisted_33 = { class: "bar-name" }
const _hoisted_34 = { class: "bar" }
const _hoisted_35 = { class: "bars" }
const _hoisted_36 = { class: "bar-name" }
const _hoisted_37 = { class: "bar" }
const _hoisted_38 = {
  key: 0,
  class: "actions"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_checklist = _resolveComponent("rw-checklist")
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_tabs = _resolveComponent("rw-tabs")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_share_card = _resolveComponent("rw-share-card")
  const _component_rw_modal = _resolveComponent("rw-modal")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    _createElementVNode("header", _hoisted_2, [
      _cache[10] || (_cache[10] = _createElementVNode("h2", null, "雷达", -1 /* CACHED */)),
      _createElementVNode("span", {
        class: _normalizeClass(["live-dot", $data.live.state]),
        title: $data.live.state === 'open' ? '实时连接中' : '正在重连…'
      }, null, 10 /* CLASS, PROPS */, _hoisted_3)
    ]),
    ($data.isAdmin)
      ? (_openBlock(), _createBlock(_component_rw_checklist, { key: 0 }))
      : _createCommentVNode("v-if", true),
    _createElementVNode("div", {
      class: _normalizeClass(["radar-layout", {with: $data.due}])
    }, [
      ($data.due)
        ? (_openBlock(), _createElementBlock("aside", _hoisted_4, [
            _createElementVNode("h3", null, [
              _cache[11] || (_cache[11] = _createTextVNode("今日待跟进 ", -1 /* CACHED */)),
              _createElementVNode("span", _hoisted_5, _toDisplayString($data.due.total), 1 /* TEXT */)
            ]),
            _createElementVNode("ul", _hoisted_6, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.due.rows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.customer_id,
                  class: _normalizeClass({overdue: row.overdue}),
                  "data-customer": row.customer_id,
                  onClick: $event => ($options.go('customers', row.customer_id))
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.headimgurl,
                    size: 28
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("span", _hoisted_8, _toDisplayString(row.memo_name || row.customer_username), 1 /* TEXT */),
                  (row.overdue)
                    ? (_openBlock(), _createElementBlock("span", _hoisted_9, _toDisplayString($options.late(row)), 1 /* TEXT */))
                    : _createCommentVNode("v-if", true),
                  _createElementVNode("span", _hoisted_10, _toDisplayString($options.planned(row.next_time)), 1 /* TEXT */)
                ], 10 /* CLASS, PROPS */, _hoisted_7))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!$data.due.loading && !$data.due.rows.length)
              ? (_openBlock(), _createElementBlock("p", _hoisted_11, [...(_cache[12] || (_cache[12] = [
                  _createTextVNode("今天没有约好要跟进的客户。在", -1 /* CACHED */),
                  _createElementVNode("a", { href: "#/customers" }, "客户", -1 /* CACHED */),
                  _createTextVNode("资料里记录跟进时,可以约定下次跟进的日期,到时这里和提醒都会告诉你。", -1 /* CACHED */)
                ]))]))
              : _createCommentVNode("v-if", true),
            _createVNode(_component_rw_more, {
              shown: $data.due.rows.length,
              total: $data.due.total,
              loading: $data.due.loading,
              onMore: _cache[0] || (_cache[0] = $event => ($data.due.more()))
            }, null, 8 /* PROPS */, ["shown", "total", "loading"])
          ]))
        : _createCommentVNode("v-if", true),
      _createElementVNode("div", _hoisted_12, [
        _createVNode(_component_rw_tabs, {
          tabs: [['time', '按时间'], ['customer', '按客户'], ['action', '按行为']],
          modelValue: $data.tab,
          "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => (($data.tab) = $event))
        }, null, 8 /* PROPS */, ["modelValue"]),
        ($data.tab === 'time')
          ? (_openBlock(), _createElementBlock("div", _hoisted_13, [
              _createElementVNode("div", _hoisted_14, [
                _withDirectives(_createElementVNode("input", {
                  type: "search",
                  class: "search",
                  id: "radar-search",
                  "onUpdate:modelValue": _cache[2] || (_cache[2] = $event => (($data.search) = $event)),
                  placeholder: "搜索客户姓名、备注名或手机号",
                  "aria-label": "搜索客户的动态",
                  maxlength: "64"
                }, null, 512 /* NEED_PATCH */), [
                  [_vModelText, $data.search]
                ]),
                _withDirectives(_createElementVNode("select", {
                  "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => (($data.action) = $event)),
                  "aria-label": "行为"
                }, [
                  _cache[13] || (_cache[13] = _createElementVNode("option", { value: "" }, "全部行为", -1 /* CACHED */)),
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.actions, (name, code) => {
                    return (_openBlock(), _createElementBlock("option", {
                      key: code,
                      value: code
                    }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_15))
                  }), 128 /* KEYED_FRAGMENT */))
                ], 512 /* NEED_PATCH */), [
                  [_vModelSelect, $data.action]
                ])
              ]),
              _createElementVNode("div", _hoisted_16, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.days, (group) => {
                  return (_openBlock(), _createElementBlock("section", {
                    key: group.day
                  }, [
                    _createElementVNode("h4", _hoisted_17, [
                      _createElementVNode("span", null, _toDisplayString(group.day), 1 /* TEXT */)
                    ]),
                    _createElementVNode("ul", _hoisted_18, [
                      (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(group.rows, (row) => {
                        return (_openBlock(), _createElementBlock("li", {
                          key: row.id,
                          class: _normalizeClass({fresh: $data.fresh.has(row.id)}),
                          onClick: $event => ($options.open(row.customer_id))
                        }, [
                          _createVNode(_component_rw_avatar, {
                            src: row.headimgurl
                          }, null, 8 /* PROPS */, ["src"]),
                          _createElementVNode("div", _hoisted_20, [
                            _createElementVNode("p", _hoisted_21, _toDisplayString(row.log), 1 /* TEXT */),
                            _createElementVNode("p", _hoisted_22, [
                              _createElementVNode("span", _hoisted_23, _toDisplayString(row.action), 1 /* TEXT */),
                              (row.repeats)
                                ? (_openBlock(), _createElementBlock("span", {
                                    key: 0,
                                    class: "chip repeats",
                                    title: `一分钟内又${row.action}${row.repeats}次,只计一次`
                                  }, "又" + _toDisplayString(row.repeats) + "次", 9 /* TEXT, PROPS */, _hoisted_24))
                                : _createCommentVNode("v-if", true),
                              _createTextVNode(" " + _toDisplayString(row.customer_source_text) + " · ", 1 /* TEXT */),
                              _createElementVNode("time", {
                                class: "ago",
                                datetime: row.create_date
                              }, _toDisplayString($options.ago(row.create_date)), 9 /* TEXT, PROPS */, _hoisted_25)
                            ])
                          ]),
                          ($data.fresh.has(row.id))
                            ? (_openBlock(), _createElementBlock("span", _hoisted_26, "新"))
                            : _createCommentVNode("v-if", true)
                        ], 10 /* CLASS, PROPS */, _hoisted_19))
                      }), 128 /* KEYED_FRAGMENT */))
                    ])
                  ]))
                }), 128 /* KEYED_FRAGMENT */))
              ]),
              (!$data.feed.loading && !$data.feed.rows.length && $data.searched)
                ? (_openBlock(), _createBlock(_component_rw_empty, {
                    key: 0,
                    text: `没有「${$data.searched}」的动态:可以搜索客户的姓名、备注名或手机号`
                  }, {
                    default: _withCtx(() => [
                      _createElementVNode("button", {
                        onClick: _cache[4] || (_cache[4] = (...args) => ($options.clearSearch && $options.clearSearch(...args)))
                      }, "清除搜索")
                    ]),
                    _: 1 /* STABLE */
                  }, 8 /* PROPS */, ["text"]))
                : (!$data.feed.loading && !$data.feed.rows.length && $data.action)
                  ? (_openBlock(), _createBlock(_component_rw_empty, {
                      key: 1,
                      text: `还没有「${$data.actions[$data.action]}」的动态`
                    }, {
                      default: _withCtx(() => [
                        _createElementVNode("button", {
                          onClick: _cache[5] || (_cache[5] = $event => ($data.action = ''))
                        }, "查看全部行为")
                      ]),
                      _: 1 /* STABLE */
                    }, 8 /* PROPS */, ["text"]))
                  : (!$data.feed.loading && !$data.feed.rows.length)
                    ? (_openBlock(), _createBlock(_component_rw_empty, {
                        key: 2,
                        text: "还没有客户的动态。客户每打开一次名片、产品或文章,都会实时出现在这里。"
                      }, {
                        default: _withCtx(() => [
                          _createVNode(_component_rw_share_card)
                        ]),
                        _: 1 /* STABLE */
                      }))
                    : _createCommentVNode("v-if", true),
              _createVNode(_component_rw_more, {
                shown: $data.feed.rows.length,
                total: $data.feed.total,
                loading: $data.feed.loading,
                onMore: _cache[6] || (_cache[6] = $event => ($data.feed.more()))
              }, null, 8 /* PROPS */, ["shown", "total", "loading"])
            ]))
          : _createCommentVNode("v-if", true),
        ($data.tab === 'customer')
          ? (_openBlock(), _createElementBlock("ul", _hoisted_27, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.byCustomer, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.customer_id,
                  onClick: $event => ($options.open(row.customer_id))
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.headimgurl
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("div", _hoisted_29, [
                    _createElementVNode("b", null, _toDisplayString(row.customer__username), 1 /* TEXT */),
                    _createElementVNode("p", _hoisted_30, [
                      (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(row.detail, (item, code) => {
                        return (_openBlock(), _createElementBlock("span", {
                          class: "chip",
                          key: code
                        }, _toDisplayString(item.name) + " " + _toDisplayString(item.count), 1 /* TEXT */))
                      }), 128 /* KEYED_FRAGMENT */))
                    ])
                  ]),
                  _createElementVNode("span", _hoisted_31, _toDisplayString(row.totalCount), 1 /* TEXT */)
                ], 8 /* PROPS */, _hoisted_28))
              }), 128 /* KEYED_FRAGMENT */)),
              (!$data.byCustomer.length)
                ? (_openBlock(), _createBlock(_component_rw_empty, {
                    key: 0,
                    text: "还没有客户的动态。"
                  }, {
                    default: _withCtx(() => [
                      _createVNode(_component_rw_share_card)
                    ]),
                    _: 1 /* STABLE */
                  }))
                : _createCommentVNode("v-if", true)
            ]))
          : _createCommentVNode("v-if", true),
        ($data.tab === 'action')
          ? (_openBlock(), _createElementBlock("ul", _hoisted_32, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.actionCounts, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.code
                }, [
                  _createElementVNode("span", _hoisted_33, _toDisplayString(row.name), 1 /* TEXT */),
                  _createElementVNode("span", _hoisted_34, [
                    _createElementVNode("i", {
                      style: _normalizeStyle({width: (100 * row.count / $options.largest) + '%'})
                    }, null, 4 /* STYLE */)
                  ]),
                  _createElementVNode("b", null, _toDisplayString(row.count), 1 /* TEXT */)
                ]))
              }), 128 /* KEYED_FRAGMENT */)),
              (!$options.actionCounts.length)
                ? (_openBlock(), _createBlock(_component_rw_empty, {
                    key: 0,
                    text: "还没有客户的动态。"
                  }, {
                    default: _withCtx(() => [
                      _createVNode(_component_rw_share_card)
                    ]),
                    _: 1 /* STABLE */
                  }))
                : _createCommentVNode("v-if", true)
            ]))
          : _createCommentVNode("v-if", true)
      ])
    ], 2 /* CLASS */),
    ($data.detail)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 1,
          title: ($data.detail.name || '客户') + ' 的行为',
          onClose: _cache[9] || (_cache[9] = $event => ($data.detail = null))
        }, {
          default: _withCtx(() => [
            _createElementVNode("p", null, [
              _cache[14] || (_cache[14] = _createTextVNode("共 ", -1 /* CACHED */)),
              _createElementVNode("b", null, _toDisplayString($data.detail.totalCount), 1 /* TEXT */),
              _cache[15] || (_cache[15] = _createTextVNode(" 次", -1 /* CACHED */))
            ]),
            _createElementVNode("ul", _hoisted_35, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.detail.detail, (item) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: item.action
                }, [
                  _createElementVNode("span", _hoisted_36, _toDisplayString(item.name), 1 /* TEXT */),
                  _createElementVNode("span", _hoisted_37, [
                    _createElementVNode("i", {
                      style: _normalizeStyle({width: (100 * item.count / $data.detail.totalCount) + '%'})
                    }, null, 4 /* STYLE */)
                  ]),
                  _createElementVNode("b", null, _toDisplayString(item.count), 1 /* TEXT */)
                ]))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            ($data.detail.mine)
              ? (_openBlock(), _createElementBlock("div", _hoisted_38, [
                  _createElementVNode("button", {
                    onClick: _cache[7] || (_cache[7] = $event => {$options.go('customers', $data.detail.id); $data.detail = null})
                  }, "客户资料"),
                  _createElementVNode("button", {
                    class: "primary",
                    onClick: _cache[8] || (_cache[8] = $event => {$options.go('chat', $data.detail.id); $data.detail = null})
                  }, "发消息")
                ]))
              : _createCommentVNode("v-if", true)
          ]),
          _: 1 /* STABLE */
        }, 8 /* PROPS */, ["title"]))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
