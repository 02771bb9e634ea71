/* Compiled from products.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 6cf23b6eb6df32ac1a96065fb1f5e16e4af7f689a81b318b47d097b5edba0a95 */
/* 产品: the products on the card, a page at a time, with status changes, add and edit (the cover
   picture goes up in chunks). */
import { auth, get, pagedList, post, Q, ROLE_ADMIN, upload } from "../api.js";
import { problems } from "../fields.js";
import { media } from "../format.js";
import { attempt, fail, notify } from "../notices.js";

const STATUS = { 1: "已发布", 2: "已下架", 3: "推荐" };

const _sfc_main = {
  data() {
    return {
      status: "", editing: null, busy: false, statuses: STATUS, problems: problems(),
      list: pagedList(`${Q}/product/product_list`, () => ({ status_code: this.status })),
    };
  },
  provide() {
    return { problems: this.problems };
  },
  created() {
    this.list.load().catch(fail);
  },
  watch: { status() { this.list.load().catch(fail); } },
  computed: {
    isAdmin() { return auth.session.role_id === ROLE_ADMIN; },
  },
  methods: {
    // After a change: the pages shown so far, again.
    async load() {
      await attempt(() => this.list.refresh());
    },
    cover(row) {
      const block = (row.content.cover_data || [])[0];
      return block ? media(block.data[0]) : "";
    },
    async setStatus(row, status) {
      await attempt(async () => {
        await post(`${Q}/product/change_status/${row.id}`, { status });
        await this.load();
      });
    },
    create() {
      this.editing = { id: null, name: "", price: "", reason: "", cover: "", title: "", text: "", company_product: false };
    },
    async edit(row) {
      await attempt(async () => {
        const product = (await get(`${Q}/product/product_single`, { product_id: row.id })).ret_data[0];
        const blocks = product.content.article_data || [];
        const first = (type) => (blocks.find((block) => block.type === type) || { data: [""] }).data[0];
        this.editing = { id: row.id, name: product.name, price: product.price, reason: product.reason || "",
                         cover: this.cover(product).replace(/^\//, ""), title: first("title"), text: first("content") };
      });
    },
    async uploadCover(event) {
      const file = event.target.files[0];
      event.target.value = "";
      if (!file) return;
      this.busy = true;
      try {
        const made = await upload(file, { chunkPath: `${Q}/product/add_picture/0`, mergePath: `${Q}/product/upload_complete/0`,
                                             fields: { picture_type: 1 } });
        this.editing.cover = made.ret_data.picture_url;
      } catch (error) {
        fail(error);
      } finally {
        this.busy = false;
      }
    },
    async save() {
      const form = this.editing;
      const content = { cover_data: form.cover ? [{ type: "picture_url", data: [form.cover] }] : [], article_data: [] };
      if (form.title) content.article_data.push({ type: "title", data: [form.title] });
      if (form.text) content.article_data.push({ type: "content", data: [form.text] });
      const body = { name: form.name, price: form.price, reason: form.reason, content };
      if (!form.id && form.company_product) body.company_product = 1;
      await attempt(async () => {
        await post(form.id ? `${Q}/product/update/${form.id}` : `${Q}/product/add/0`, body);
        this.editing = null;
        notify("产品已保存", "ok");
        await this.load();
      }, undefined, this.problems);
    },
    async remove(row) {
      if (!confirm(`删除产品「${row.name}」?`)) return;
      await attempt(async () => {
        await post(`${Q}/product/delete/${row.id}`);
        await this.load();
      });
    },
    media,
  },
};
import { createElementVNode as _createElementVNode, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, toDisplayString as _toDisplayString, vModelSelect as _vModelSelect, withDirectives as _withDirectives, createCommentVNode as _createCommentVNode, createTextVNode as _createTextVNode, resolveComponent as _resolveComponent, withCtx as _withCtx, createBlock as _createBlock, createVNode as _createVNode, vModelText as _vModelText, vModelCheckbox as _vModelCheckbox, withModifiers as _withModifiers } from "vue"

const _hoisted_1 = { class: "view products" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = { class: "filters" }
const _hoisted_4 = ["value"]
const _hoisted_5 = {
  class: "list",
  id: "product-list"
}
const _hoisted_6 = ["src"]
const _hoisted_7 = { class: "grow" }
const _hoisted_8 = { class: "chip" }
const _hoisted_9 = { class: "muted small" }
const _hoisted_10 = { class: "row-actions" }
const _hoisted_11 = ["onClick"]
const _hoisted_12 = ["onClick"]
const _hoisted_13 = ["onClick"]
const _hoisted_14 = ["onClick"]
const _hoisted_15 = ["onClick"]
const _hoisted_16 = ["disabled"]
const _hoisted_17 = ["src"]
const _hoisted_18 = {
  key: 1,
  class: "check"
}
const _hoisted_19 = ["disabled"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_field = _resolveComponent("rw-field")
  const _component_rw_modal = _resolveComponent("rw-modal")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    _createElementVNode("header", _hoisted_2, [
      _cache[14] || (_cache[14] = _createElementVNode("h2", null, "产品", -1 /* CACHED */)),
      _createElementVNode("button", {
        class: "primary",
        onClick: _cache[0] || (_cache[0] = (...args) => ($options.create && $options.create(...args))),
        id: "product-new"
      }, "添加产品")
    ]),
    _createElementVNode("div", _hoisted_3, [
      _withDirectives(_createElementVNode("select", {
        "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => (($data.status) = $event)),
        "aria-label": "状态"
      }, [
        _cache[15] || (_cache[15] = _createElementVNode("option", { value: "" }, "全部", -1 /* CACHED */)),
        (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.statuses, (name, code) => {
          return (_openBlock(), _createElementBlock("option", {
            key: code,
            value: code
          }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_4))
        }), 128 /* KEYED_FRAGMENT */))
      ], 512 /* NEED_PATCH */), [
        [_vModelSelect, $data.status]
      ])
    ]),
    _createElementVNode("ul", _hoisted_5, [
      (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.list.rows, (row) => {
        return (_openBlock(), _createElementBlock("li", {
          key: row.id
        }, [
          ($options.cover(row))
            ? (_openBlock(), _createElementBlock("img", {
                key: 0,
                src: $options.cover(row),
                class: "cover",
                alt: ""
              }, null, 8 /* PROPS */, _hoisted_6))
            : _createCommentVNode("v-if", true),
          _createElementVNode("div", _hoisted_7, [
            _createElementVNode("b", null, _toDisplayString(row.name), 1 /* TEXT */),
            _cache[16] || (_cache[16] = _createTextVNode()),
            _createElementVNode("span", _hoisted_8, _toDisplayString(row.status), 1 /* TEXT */),
            _createElementVNode("p", _hoisted_9, "¥" + _toDisplayString(row.price) + " · " + _toDisplayString(row.publisher), 1 /* TEXT */)
          ]),
          _createElementVNode("div", _hoisted_10, [
            (row.status_code !== 1)
              ? (_openBlock(), _createElementBlock("button", {
                  key: 0,
                  onClick: $event => ($options.setStatus(row, 1))
                }, "发布", 8 /* PROPS */, _hoisted_11))
              : _createCommentVNode("v-if", true),
            (row.status_code !== 3)
              ? (_openBlock(), _createElementBlock("button", {
                  key: 1,
                  onClick: $event => ($options.setStatus(row, 3))
                }, "推荐", 8 /* PROPS */, _hoisted_12))
              : _createCommentVNode("v-if", true),
            (row.status_code !== 2)
              ? (_openBlock(), _createElementBlock("button", {
                  key: 2,
                  onClick: $event => ($options.setStatus(row, 2))
                }, "下架", 8 /* PROPS */, _hoisted_13))
              : _createCommentVNode("v-if", true),
            _createElementVNode("button", {
              onClick: $event => ($options.edit(row))
            }, "编辑", 8 /* PROPS */, _hoisted_14),
            _createElementVNode("button", {
              class: "danger",
              onClick: $event => ($options.remove(row))
            }, "删除", 8 /* PROPS */, _hoisted_15)
          ])
        ]))
      }), 128 /* KEYED_FRAGMENT */))
    ]),
    (!$data.list.loading && !$data.list.rows.length && $data.status)
      ? (_openBlock(), _createBlock(_component_rw_empty, {
          key: 0,
          text: `没有「${$data.statuses[$data.status]}」的产品`
        }, {
          default: _withCtx(() => [
            _createElementVNode("button", {
              onClick: _cache[2] || (_cache[2] = $event => ($data.status = ''))
            }, "查看全部产品")
          ]),
          _: 1 /* STABLE */
        }, 8 /* PROPS */, ["text"]))
      : (!$data.list.loading && !$data.list.rows.length)
        ? (_openBlock(), _createBlock(_component_rw_empty, {
            key: 1,
            text: "还没有产品。添加产品后,客户在你的名片上就能看到并直接咨询。"
          }, {
            default: _withCtx(() => [
              _createElementVNode("button", {
                class: "primary",
                id: "product-first",
                onClick: _cache[3] || (_cache[3] = (...args) => ($options.create && $options.create(...args)))
              }, "添加产品")
            ]),
            _: 1 /* STABLE */
          }))
        : _createCommentVNode("v-if", true),
    _createVNode(_component_rw_more, {
      shown: $data.list.rows.length,
      total: $data.list.total,
      loading: $data.list.loading,
      onMore: _cache[4] || (_cache[4] = $event => ($data.list.more()))
    }, null, 8 /* PROPS */, ["shown", "total", "loading"]),
    ($data.editing)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 2,
          title: $data.editing.id ? '编辑产品' : '添加产品',
          onClose: _cache[13] || (_cache[13] = $event => ($data.editing = null))
        }, {
          default: _withCtx(() => [
            _createElementVNode("form", {
              class: "form",
              onSubmit: _cache[12] || (_cache[12] = _withModifiers((...args) => ($options.save && $options.save(...args)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, {
                label: "名称",
                name: "name"
              }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    "onUpdate:modelValue": _cache[5] || (_cache[5] = $event => (($data.editing.name) = $event)),
                    required: "",
                    maxlength: "64",
                    id: "product-name"
                  }, null, 512 /* NEED_PATCH */), [
                    [
                      _vModelText,
                      $data.editing.name,
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _createVNode(_component_rw_field, {
                label: "价格",
                name: "price"
              }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    "onUpdate:modelValue": _cache[6] || (_cache[6] = $event => (($data.editing.price) = $event)),
                    required: "",
                    maxlength: "16",
                    id: "product-price"
                  }, null, 512 /* NEED_PATCH */), [
                    [
                      _vModelText,
                      $data.editing.price,
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _createVNode(_component_rw_field, {
                label: "推荐理由",
                name: "reason"
              }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    "onUpdate:modelValue": _cache[7] || (_cache[7] = $event => (($data.editing.reason) = $event)),
                    maxlength: "200"
                  }, null, 512 /* NEED_PATCH */), [
                    [
                      _vModelText,
                      $data.editing.reason,
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _createElementVNode("label", null, [
                _cache[17] || (_cache[17] = _createTextVNode("封面", -1 /* CACHED */)),
                _createElementVNode("input", {
                  type: "file",
                  accept: "image/*",
                  onChange: _cache[8] || (_cache[8] = (...args) => ($options.uploadCover && $options.uploadCover(...args))),
                  disabled: $data.busy
                }, null, 40 /* PROPS, NEED_HYDRATION */, _hoisted_16)
              ]),
              ($data.editing.cover)
                ? (_openBlock(), _createElementBlock("img", {
                    key: 0,
                    src: $options.media($data.editing.cover),
                    class: "cover",
                    alt: ""
                  }, null, 8 /* PROPS */, _hoisted_17))
                : _createCommentVNode("v-if", true),
              _createElementVNode("label", null, [
                _cache[18] || (_cache[18] = _createTextVNode("介绍标题", -1 /* CACHED */)),
                _withDirectives(_createElementVNode("input", {
                  "onUpdate:modelValue": _cache[9] || (_cache[9] = $event => (($data.editing.title) = $event)),
                  maxlength: "100"
                }, null, 512 /* NEED_PATCH */), [
                  [
                    _vModelText,
                    $data.editing.title,
                    void 0,
                    { trim: true }
                  ]
                ])
              ]),
              _createElementVNode("label", null, [
                _cache[19] || (_cache[19] = _createTextVNode("介绍内容", -1 /* CACHED */)),
                _withDirectives(_createElementVNode("textarea", {
                  "onUpdate:modelValue": _cache[10] || (_cache[10] = $event => (($data.editing.text) = $event)),
                  rows: "4"
                }, null, 512 /* NEED_PATCH */), [
                  [_vModelText, $data.editing.text]
                ])
              ]),
              (!$data.editing.id && $options.isAdmin)
                ? (_openBlock(), _createElementBlock("label", _hoisted_18, [
                    _withDirectives(_createElementVNode("input", {
                      type: "checkbox",
                      "onUpdate:modelValue": _cache[11] || (_cache[11] = $event => (($data.editing.company_product) = $event))
                    }, null, 512 /* NEED_PATCH */), [
                      [_vModelCheckbox, $data.editing.company_product]
                    ]),
                    _cache[20] || (_cache[20] = _createTextVNode(" 作为企业产品发布", -1 /* CACHED */))
                  ]))
                : _createCommentVNode("v-if", true),
              _createElementVNode("button", {
                class: "primary",
                disabled: $data.busy
              }, "保存", 8 /* PROPS */, _hoisted_19)
            ], 32 /* NEED_HYDRATION */)
          ]),
          _: 1 /* STABLE */
        }, 8 /* PROPS */, ["title"]))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
