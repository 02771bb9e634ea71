/* Compiled from customers.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 0c5cceca809ed77c114f5c025cfec7cb3750cab83f88d2e3657382d5ce92eeeb */
/* 客户: the address book in its three orders; a customer's profile at #/customers/<id>. */
import { pagedList, Q } from "../api.js";
import { fail } from "../notices.js";
import { go } from "../router.js";
import CustomerProfile from "./customer-profile.js";

const _sfc_main = {
  components: { "rw-customer": CustomerProfile },
  props: ["param"],
  data() {
    return {
      order: "-last_activity_time",
      source: "",
      book: pagedList(`${Q}/tongxunlu`, () => ({ order: this.order, customer__source: this.source })),
    };
  },
  created() {
    this.book.load().catch(fail);
  },
  watch: {
    order() { this.book.load().catch(fail); },
    source() { this.book.load().catch(fail); },
  },
  methods: { go },
};
import { resolveComponent as _resolveComponent, openBlock as _openBlock, createBlock as _createBlock, createCommentVNode as _createCommentVNode, createElementVNode as _createElementVNode, toDisplayString as _toDisplayString, vModelSelect as _vModelSelect, withDirectives as _withDirectives, renderList as _renderList, Fragment as _Fragment, createElementBlock as _createElementBlock, createVNode as _createVNode, withCtx as _withCtx } from "vue"

const _hoisted_1 = { class: "view customers" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = { class: "muted" }
const _hoisted_4 = { class: "filters" }
const _hoisted_5 = {
  class: "list",
  id: "customer-list"
}
const _hoisted_6 = ["onClick"]
const _hoisted_7 = { class: "grow" }
const _hoisted_8 = { class: "muted small" }
const _hoisted_9 = {
  key: 0,
  class: "pr"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_customer = _resolveComponent("rw-customer")
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
            _cache[4] || (_cache[4] = _createElementVNode("h2", null, "客户", -1 /* CACHED */)),
            _createElementVNode("span", _hoisted_3, _toDisplayString($data.book.total) + " 位", 1 /* TEXT */)
          ]),
          _createElementVNode("div", _hoisted_4, [
            _withDirectives(_createElementVNode("select", {
              "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => (($data.order) = $event)),
              "aria-label": "排序",
              id: "book-order"
            }, [...(_cache[5] || (_cache[5] = [
              _createElementVNode("option", { value: "-last_activity_time" }, "最近活跃", -1 /* CACHED */),
              _createElementVNode("option", { value: "-last_follow_time" }, "最近跟进", -1 /* CACHED */),
              _createElementVNode("option", { value: "-customer__expedted_pr" }, "预计成交率", -1 /* CACHED */)
            ]))], 512 /* NEED_PATCH */), [
              [_vModelSelect, $data.order]
            ]),
            _withDirectives(_createElementVNode("select", {
              "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => (($data.source) = $event)),
              "aria-label": "来源"
            }, [...(_cache[6] || (_cache[6] = [
              _createElementVNode("option", { value: "" }, "全部来源", -1 /* CACHED */),
              _createElementVNode("option", { value: "1" }, "扫码", -1 /* CACHED */),
              _createElementVNode("option", { value: "2" }, "转发", -1 /* CACHED */)
            ]))], 512 /* NEED_PATCH */), [
              [_vModelSelect, $data.source]
            ])
          ]),
          _createElementVNode("ul", _hoisted_5, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.book.rows, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.customer_id,
                onClick: $event => ($options.go('customers', row.customer_id))
              }, [
                _createVNode(_component_rw_avatar, {
                  src: row.headimgurl
                }, null, 8 /* PROPS */, ["src"]),
                _createElementVNode("div", _hoisted_7, [
                  _createElementVNode("b", null, _toDisplayString(row.customer_username), 1 /* TEXT */),
                  _createElementVNode("p", _hoisted_8, _toDisplayString(row.source_text) + " · 活跃 " + _toDisplayString(row.last_activity_time || '—') + " · " + _toDisplayString(row.follow_status), 1 /* TEXT */)
                ]),
                (row.expedted_pr)
                  ? (_openBlock(), _createElementBlock("span", _hoisted_9, _toDisplayString(row.expedted_pr) + "%", 1 /* TEXT */))
                  : _createCommentVNode("v-if", true)
              ], 8 /* PROPS */, _hoisted_6))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          (!$data.book.loading && !$data.book.rows.length && $data.source)
            ? (_openBlock(), _createBlock(_component_rw_empty, {
                key: 0,
                text: "没有这个来源的客户"
              }, {
                default: _withCtx(() => [
                  _createElementVNode("button", {
                    onClick: _cache[2] || (_cache[2] = $event => ($data.source = ''))
                  }, "查看全部来源")
                ]),
                _: 1 /* STABLE */
              }))
            : (!$data.book.loading && !$data.book.rows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 1,
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
            onMore: _cache[3] || (_cache[3] = $event => ($data.book.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ], 64 /* STABLE_FRAGMENT */))
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
