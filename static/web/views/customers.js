/* Compiled from customers.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 22c6c4c3beb73bb55cfa21e9fd49a33f5a69d5b5ae34e6fffe3f40945a9634c7 */
/* 客户: the address book, searched (name, memo name, phone) and filtered as the API filters it (tags,
   source, forecast, follow-ups, arrival; admins and Bosses: another salesperson's book), in four orders,
   exported with the same filters; a customer's profile at #/customers/<id>. */
import { auth, get, pagedList, Q, ROLE_ADMIN, ROLE_BOSS } from "../api.js";
import { hasCome, planned } from "../format.js";
import { attempt, fail } from "../notices.js";
import { go } from "../router.js";
import Export from "../widgets/export.js";
import CustomerProfile from "./customer-profile.js";

const SOURCES = [[1, "扫码"], [2, "转发"], [3, "搜索"], [4, "公众号文章"]];
const FOLLOWS = [["today", "今天跟进过"], ["within_7_days", "7天内跟进过"], ["over_7_days", "超过7天没跟进"], ["never", "从未跟进"]];
const BLANK = () => ({ tags: [], sources: [], pr_min: "", pr_max: "", follow: "", since: "", until: "" });
const TYPING_MS = 300; // a search waits for the typing to pause

const _sfc_main = {
  components: { "rw-customer": CustomerProfile, "rw-export": Export },
  props: ["param"],
  data() {
    return {
      order: "-last_activity_time", search: "", filters: BLANK(), owner: "", panel: false, groups: [], people: [],
      sources: SOURCES, follows: FOLLOWS, canPick: [ROLE_ADMIN, ROLE_BOSS].includes(auth.session.role_id),
      book: pagedList(`${Q}/tongxunlu`, () => this.query),
    };
  },
  created() {
    this.book.load().catch(fail);
    attempt(async () => {
      const [tags, ranking] = await Promise.all([
        get(`${Q}/tag_list`),
        // Admins and Bosses pick among the salespeople who have customers.
        this.canPick ? get("/zhugeleida/boosleida/home_page/sales_ranking_customer_num") : null,
      ]);
      this.groups = tags.ret_data.filter((group) => group.tags.length);
      this.people = ranking ? ranking.ret_data.total_num_have_customer : [];
    });
  },
  unmounted() {
    clearTimeout(this.typing);
  },
  computed: {
    // The address book's (and its export's) parameters; lists go as JSON arrays.
    query() {
      const { tags, sources, ...rest } = this.filters;
      return { order: this.order, search: this.search.trim(), ...rest, query_user_id: this.owner,
               tag_ids: tags.length ? JSON.stringify(tags) : "", source: sources.length ? JSON.stringify(sources) : "" };
    },
    queryKey() {
      return JSON.stringify(this.query);
    },
    // How many filters of the panel are on (shown on its button).
    narrowed() {
      const { tags, sources, pr_min: low, pr_max: high, since, until } = this.filters;
      return [tags.length, sources.length, low !== "" || high !== "", since || until].filter(Boolean).length;
    },
    filtered() {
      return Boolean(this.narrowed || this.filters.follow || this.search.trim());
    },
    ownerName() {
      const person = this.people.find((row) => String(row.user_id) === String(this.owner));
      return person ? person.user__username : "";
    },
    // Another salesperson's customers are shown, not opened: a profile is its own radar user's.
    mine() {
      return !this.owner || Number(this.owner) === auth.session.user_id;
    },
  },
  watch: {
    queryKey() {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => this.book.load().catch(fail), TYPING_MS);
    },
  },
  methods: {
    toggle(list, value) {
      const at = list.indexOf(value);
      if (at >= 0) list.splice(at, 1);
      else list.push(value);
    },
    clear() {
      this.search = "";
      this.filters = BLANK();
    },
    open(row) {
      if (this.mine) go("customers", row.customer_id);
    },
    hasCome,
    planned,
  },
};
import { resolveComponent as _resolveComponent, openBlock as _openBlock, createBlock as _createBlock, createCommentVNode as _createCommentVNode, createElementVNode as _createElementVNode, toDisplayString as _toDisplayString, createVNode as _createVNode, vModelText as _vModelText, withDirectives as _withDirectives, vModelSelect as _vModelSelect, renderList as _renderList, Fragment as _Fragment, createElementBlock as _createElementBlock, normalizeClass as _normalizeClass, createTextVNode as _createTextVNode, withCtx as _withCtx } from "vue"

const _hoisted_1 = { class: "view customers" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = {
  class: "muted grow",
  id: "book-total"
}
const _hoisted_4 = { class: "filters" }
const _hoisted_5 = ["value"]
const _hoisted_6 = ["value"]
const _hoisted_7 = ["aria-expanded"]
const _hoisted_8 = {
  key: 0,
  class: "card filter-panel",
  id: "book-panel"
}
const _hoisted_9 = { class: "filter-row" }
const _hoisted_10 = { class: "chips" }
const _hoisted_11 = ["aria-pressed", "onClick"]
const _hoisted_12 = { class: "filter-name" }
const _hoisted_13 = { class: "chips" }
const _hoisted_14 = ["aria-pressed", "onClick"]
const _hoisted_15 = { class: "filter-row" }
const _hoisted_16 = { class: "filter-row" }
const _hoisted_17 = {
  key: 1,
  class: "muted small",
  id: "book-owner-note"
}
const _hoisted_18 = {
  class: "list",
  id: "customer-list"
}
const _hoisted_19 = ["onClick"]
const _hoisted_20 = { class: "grow" }
const _hoisted_21 = {
  key: 0,
  class: "muted small aka"
}
const _hoisted_22 = {
  key: 1,
  class: "chips"
}
const _hoisted_23 = { class: "muted small" }
const _hoisted_24 = { class: "prs" }
const _hoisted_25 = {
  class: "ai-rate",
  title: "AI 成交率:根据客户的行为计算"
}
const _hoisted_26 = {
  key: 0,
  class: "pr",
  title: "预计成交率"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_customer = _resolveComponent("rw-customer")
  const _component_rw_export = _resolveComponent("rw-export")
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_share_card = _resolveComponent("rw-share-card")
  const _component_rw_more = _resolveComponent("rw-more")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    ($props.param)
      ? (_openBlock(), _createBlock(_component_rw_customer, {
          "customer-id": Number($props.param),
          key: $props.param
        }, null, 8 /* PROPS */, ["customer-id"]))
      : (_openBlock(), _createElementBlock(_Fragment, { key: 1 }, [
          _createElementVNode("header", _hoisted_2, [
            _cache[13] || (_cache[13] = _createElementVNode("h2", null, "客户", -1 /* CACHED */)),
            _createElementVNode("span", _hoisted_3, _toDisplayString($data.book.total) + " 位", 1 /* TEXT */),
            _createVNode(_component_rw_export, {
              kind: "customers",
              query: $options.query
            }, null, 8 /* PROPS */, ["query"])
          ]),
          _createElementVNode("div", _hoisted_4, [
            _withDirectives(_createElementVNode("input", {
              type: "search",
              class: "search",
              id: "book-search",
              "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => (($data.search) = $event)),
              placeholder: "搜索姓名、备注名或手机号",
              "aria-label": "搜索客户",
              maxlength: "64"
            }, null, 512 /* NEED_PATCH */), [
              [_vModelText, $data.search]
            ]),
            _withDirectives(_createElementVNode("select", {
              "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => (($data.order) = $event)),
              "aria-label": "排序",
              id: "book-order"
            }, [...(_cache[14] || (_cache[14] = [
              _createElementVNode("option", { value: "-last_activity_time" }, "最近活跃", -1 /* CACHED */),
              _createElementVNode("option", { value: "-last_follow_time" }, "最近跟进", -1 /* CACHED */),
              _createElementVNode("option", { value: "-customer__expedted_pr" }, "预计成交率", -1 /* CACHED */),
              _createElementVNode("option", { value: "-ai_pr" }, "AI 成交率", -1 /* CACHED */)
            ]))], 512 /* NEED_PATCH */), [
              [_vModelSelect, $data.order]
            ]),
            _withDirectives(_createElementVNode("select", {
              "onUpdate:modelValue": _cache[2] || (_cache[2] = $event => (($data.filters.follow) = $event)),
              "aria-label": "跟进情况",
              id: "book-follow"
            }, [
              _cache[15] || (_cache[15] = _createElementVNode("option", { value: "" }, "全部跟进情况", -1 /* CACHED */)),
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.follows, ([value, name]) => {
                return (_openBlock(), _createElementBlock("option", {
                  key: value,
                  value: value
                }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_5))
              }), 128 /* KEYED_FRAGMENT */))
            ], 512 /* NEED_PATCH */), [
              [_vModelSelect, $data.filters.follow]
            ]),
            ($data.canPick)
              ? _withDirectives((_openBlock(), _createElementBlock("select", {
                  key: 0,
                  "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => (($data.owner) = $event)),
                  "aria-label": "销售",
                  id: "book-owner"
                }, [
                  _cache[16] || (_cache[16] = _createElementVNode("option", { value: "" }, "我的客户", -1 /* CACHED */)),
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.people, (person) => {
                    return (_openBlock(), _createElementBlock("option", {
                      key: person.user_id,
                      value: String(person.user_id)
                    }, _toDisplayString(person.user__username) + " (" + _toDisplayString(person.have_customer_num) + ")", 9 /* TEXT, PROPS */, _hoisted_6))
                  }), 128 /* KEYED_FRAGMENT */))
                ], 512 /* NEED_PATCH */)), [
                  [_vModelSelect, $data.owner]
                ])
              : _createCommentVNode("v-if", true),
            _createElementVNode("button", {
              type: "button",
              id: "book-more",
              class: _normalizeClass({on: $options.narrowed}),
              "aria-expanded": $data.panel,
              onClick: _cache[4] || (_cache[4] = $event => ($data.panel = !$data.panel))
            }, "筛选" + _toDisplayString($options.narrowed ? ` (${$options.narrowed})` : ''), 11 /* TEXT, CLASS, PROPS */, _hoisted_7),
            ($options.filtered)
              ? (_openBlock(), _createElementBlock("button", {
                  key: 1,
                  type: "button",
                  class: "link",
                  id: "book-clear",
                  onClick: _cache[5] || (_cache[5] = (...args) => ($options.clear && $options.clear(...args)))
                }, "清除筛选"))
              : _createCommentVNode("v-if", true)
          ]),
          ($data.panel)
            ? (_openBlock(), _createElementBlock("div", _hoisted_8, [
                _createElementVNode("div", _hoisted_9, [
                  _cache[17] || (_cache[17] = _createElementVNode("span", { class: "filter-name" }, "来源", -1 /* CACHED */)),
                  _createElementVNode("span", _hoisted_10, [
                    (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.sources, ([value, name]) => {
                      return (_openBlock(), _createElementBlock("button", {
                        type: "button",
                        key: value,
                        class: _normalizeClass(["chip", {on: $data.filters.sources.includes(value)}]),
                        "aria-pressed": $data.filters.sources.includes(value),
                        onClick: $event => ($options.toggle($data.filters.sources, value))
                      }, _toDisplayString(name), 11 /* TEXT, CLASS, PROPS */, _hoisted_11))
                    }), 128 /* KEYED_FRAGMENT */))
                  ])
                ]),
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.groups, (group) => {
                  return (_openBlock(), _createElementBlock("div", {
                    class: "filter-row",
                    key: group.id
                  }, [
                    _createElementVNode("span", _hoisted_12, _toDisplayString(group.name), 1 /* TEXT */),
                    _createElementVNode("span", _hoisted_13, [
                      (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(group.tags, (tag) => {
                        return (_openBlock(), _createElementBlock("button", {
                          type: "button",
                          key: tag.id,
                          class: _normalizeClass(["chip", {on: $data.filters.tags.includes(tag.id)}]),
                          "aria-pressed": $data.filters.tags.includes(tag.id),
                          onClick: $event => ($options.toggle($data.filters.tags, tag.id))
                        }, _toDisplayString(tag.name), 11 /* TEXT, CLASS, PROPS */, _hoisted_14))
                      }), 128 /* KEYED_FRAGMENT */))
                    ])
                  ]))
                }), 128 /* KEYED_FRAGMENT */)),
                _createElementVNode("div", _hoisted_15, [
                  _cache[18] || (_cache[18] = _createElementVNode("span", { class: "filter-name" }, "预计成交率", -1 /* CACHED */)),
                  _withDirectives(_createElementVNode("input", {
                    type: "number",
                    min: "0",
                    max: "100",
                    "onUpdate:modelValue": _cache[6] || (_cache[6] = $event => (($data.filters.pr_min) = $event)),
                    id: "book-pr-min",
                    "aria-label": "最低预计成交率",
                    placeholder: "0"
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.filters.pr_min]
                  ]),
                  _cache[19] || (_cache[19] = _createElementVNode("span", null, "–", -1 /* CACHED */)),
                  _withDirectives(_createElementVNode("input", {
                    type: "number",
                    min: "0",
                    max: "100",
                    "onUpdate:modelValue": _cache[7] || (_cache[7] = $event => (($data.filters.pr_max) = $event)),
                    id: "book-pr-max",
                    "aria-label": "最高预计成交率",
                    placeholder: "100"
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.filters.pr_max]
                  ]),
                  _cache[20] || (_cache[20] = _createElementVNode("span", null, "%", -1 /* CACHED */))
                ]),
                _createElementVNode("div", _hoisted_16, [
                  _cache[21] || (_cache[21] = _createElementVNode("span", { class: "filter-name" }, "首次到访", -1 /* CACHED */)),
                  _withDirectives(_createElementVNode("input", {
                    type: "date",
                    "onUpdate:modelValue": _cache[8] || (_cache[8] = $event => (($data.filters.since) = $event)),
                    id: "book-since",
                    "aria-label": "首次到访从"
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.filters.since]
                  ]),
                  _cache[22] || (_cache[22] = _createElementVNode("span", null, "至", -1 /* CACHED */)),
                  _withDirectives(_createElementVNode("input", {
                    type: "date",
                    "onUpdate:modelValue": _cache[9] || (_cache[9] = $event => (($data.filters.until) = $event)),
                    id: "book-until",
                    "aria-label": "首次到访到"
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.filters.until]
                  ])
                ]),
                _cache[23] || (_cache[23] = _createElementVNode("p", { class: "muted small" }, "标签和来源:符合其中任意一个即可;各项之间同时满足。", -1 /* CACHED */))
              ]))
            : _createCommentVNode("v-if", true),
          (!$options.mine)
            ? (_openBlock(), _createElementBlock("p", _hoisted_17, "正在查看 " + _toDisplayString($options.ownerName) + " 的客户:只能查看,资料和跟进由他本人维护。", 1 /* TEXT */))
            : _createCommentVNode("v-if", true),
          _createElementVNode("ul", _hoisted_18, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.book.rows, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.customer_id,
                class: _normalizeClass({readonly: !$options.mine}),
                onClick: $event => ($options.open(row))
              }, [
                _createVNode(_component_rw_avatar, {
                  src: row.headimgurl
                }, null, 8 /* PROPS */, ["src"]),
                _createElementVNode("div", _hoisted_20, [
                  _createElementVNode("b", null, _toDisplayString(row.memo_name || row.customer_username), 1 /* TEXT */),
                  (row.memo_name)
                    ? (_openBlock(), _createElementBlock("span", _hoisted_21, _toDisplayString(row.customer_username), 1 /* TEXT */))
                    : _createCommentVNode("v-if", true),
                  (row.tag.length)
                    ? (_openBlock(), _createElementBlock("p", _hoisted_22, [
                        (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(row.tag, (tag) => {
                          return (_openBlock(), _createElementBlock("span", {
                            class: "chip",
                            key: tag
                          }, _toDisplayString(tag), 1 /* TEXT */))
                        }), 128 /* KEYED_FRAGMENT */))
                      ]))
                    : _createCommentVNode("v-if", true),
                  _createElementVNode("p", _hoisted_23, [
                    _createTextVNode(_toDisplayString(row.source_text) + " · 活跃 " + _toDisplayString(row.last_activity_time || '—') + " · " + _toDisplayString(row.follow_status), 1 /* TEXT */),
                    (row.next_time)
                      ? (_openBlock(), _createElementBlock("span", {
                          key: 0,
                          class: _normalizeClass(["next-time", {due: $options.hasCome(row.next_time)}])
                        }, " · 下次跟进 " + _toDisplayString($options.planned(row.next_time)), 3 /* TEXT, CLASS */))
                      : _createCommentVNode("v-if", true)
                  ])
                ]),
                _createElementVNode("div", _hoisted_24, [
                  _createElementVNode("span", _hoisted_25, "AI " + _toDisplayString(row.ai_pr) + "%", 1 /* TEXT */),
                  (row.expedted_pr)
                    ? (_openBlock(), _createElementBlock("span", _hoisted_26, "预计 " + _toDisplayString(row.expedted_pr) + "%", 1 /* TEXT */))
                    : _createCommentVNode("v-if", true)
                ])
              ], 10 /* CLASS, PROPS */, _hoisted_19))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          (!$data.book.loading && !$data.book.rows.length && $options.filtered)
            ? (_openBlock(), _createBlock(_component_rw_empty, {
                key: 2,
                text: $data.search.trim() ? `没有找到「${$data.search.trim()}」:可以搜索客户的姓名、备注名或手机号` : '没有符合这些条件的客户'
              }, {
                default: _withCtx(() => [
                  _createElementVNode("button", {
                    onClick: _cache[10] || (_cache[10] = (...args) => ($options.clear && $options.clear(...args)))
                  }, "清除筛选,查看全部客户")
                ]),
                _: 1 /* STABLE */
              }, 8 /* PROPS */, ["text"]))
            : (!$data.book.loading && !$data.book.rows.length && !$options.mine)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 3,
                  text: `${$options.ownerName || '这位销售'}还没有客户`
                }, {
                  default: _withCtx(() => [
                    _createElementVNode("button", {
                      onClick: _cache[11] || (_cache[11] = $event => ($data.owner = ''))
                    }, "回到我的客户")
                  ]),
                  _: 1 /* STABLE */
                }, 8 /* PROPS */, ["text"]))
              : (!$data.book.loading && !$data.book.rows.length && $data.canPick && $data.people.length)
                ? (_openBlock(), _createBlock(_component_rw_empty, {
                    key: 4,
                    text: "你自己还没有客户。在上面的「销售」里选一位,查看他的客户。"
                  }))
                : (!$data.book.loading && !$data.book.rows.length)
                  ? (_openBlock(), _createBlock(_component_rw_empty, {
                      key: 5,
                      text: "还没有客户。客户打开你分享的名片、产品或文章,就会进入你的通讯录。"
                    }, {
                      default: _withCtx(() => [
                        _createVNode(_component_rw_share_card)
                      ]),
                      _: 1 /* STABLE */
                    }))
                  : _createCommentVNode("v-if", true),
          _createVNode(_component_rw_more, {
            shown: $data.book.rows.length,
            total: $data.book.total,
            loading: $data.book.loading,
            onMore: _cache[12] || (_cache[12] = $event => ($data.book.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ], 64 /* STABLE_FRAGMENT */))
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
