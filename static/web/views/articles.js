/* Compiled from articles.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: a1fedb8056fe80b5f11112da972da109e38932eed01de6c7e1326edd45504acb */
/* 文章: my articles (write, edit, delete, share); an article's readers and propagation map at
   #/articles/<id>. */
import { pagedList, post, Q } from "../api.js";
import { problems } from "../fields.js";
import { media, time } from "../format.js";
import { attempt, fail, notify } from "../notices.js";
import { go } from "../router.js";
import ArticleDetail from "./article-detail.js";
import ArticleForm from "./article-form.js";

const _sfc_main = {
  components: { "rw-article": ArticleDetail, "rw-article-form": ArticleForm },
  props: ["param"],
  data() {
    return {
      title: "", searched: "", order: "-create_date", editing: null, problems: problems(),
      list: pagedList(`${Q}/article/myarticle/0`, () => ({ title: this.searched, order: this.order }), { length: 10 }),
    };
  },
  provide() {
    return { problems: this.problems };
  },
  created() {
    if (!this.param) this.list.load().catch(fail);
  },
  watch: {
    order() { this.list.load().catch(fail); },
    param(value) { if (!value) this.list.load().catch(fail); },
  },
  methods: {
    search() {
      this.searched = this.title;
      this.list.load().catch(fail);
    },
    clearSearch() {
      this.title = "";
      this.search();
    },
    create() { this.editing = { title: "", summary: "", cover_picture: "", content: "" }; },
    async save() {
      await attempt(async () => {
        const made = await post(`${Q}/article/add/0`, this.editing);
        this.editing = null;
        notify("文章已发布", "ok");
        go("articles", made.article_id);
      }, undefined, this.problems);
    },
    go,
    time,
    media,
  },
};
import { resolveComponent as _resolveComponent, openBlock as _openBlock, createBlock as _createBlock, createCommentVNode as _createCommentVNode, createElementVNode as _createElementVNode, vModelText as _vModelText, withDirectives as _withDirectives, vModelSelect as _vModelSelect, withModifiers as _withModifiers, renderList as _renderList, Fragment as _Fragment, createElementBlock as _createElementBlock, toDisplayString as _toDisplayString, withCtx as _withCtx, createVNode as _createVNode } from "vue"

const _hoisted_1 = { class: "view articles" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = {
  class: "list",
  id: "article-list"
}
const _hoisted_4 = ["onClick"]
const _hoisted_5 = ["src"]
const _hoisted_6 = { class: "grow" }
const _hoisted_7 = { class: "muted small" }
const _hoisted_8 = { class: "muted small" }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_article = _resolveComponent("rw-article")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_article_form = _resolveComponent("rw-article-form")
  const _component_rw_modal = _resolveComponent("rw-modal")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    ($props.param)
      ? (_openBlock(), _createBlock(_component_rw_article, {
          "article-id": Number($props.param),
          key: $props.param
        }, null, 8 /* PROPS */, ["article-id"]))
      : (_openBlock(), _createElementBlock(_Fragment, { key: 1 }, [
          _createElementVNode("header", _hoisted_2, [
            _cache[9] || (_cache[9] = _createElementVNode("h2", null, "文章", -1 /* CACHED */)),
            _createElementVNode("button", {
              class: "primary",
              id: "article-new",
              onClick: _cache[0] || (_cache[0] = (...args) => ($options.create && $options.create(...args)))
            }, "写文章")
          ]),
          _createElementVNode("form", {
            class: "filters",
            onSubmit: _cache[3] || (_cache[3] = _withModifiers((...args) => ($options.search && $options.search(...args)), ["prevent"]))
          }, [
            _withDirectives(_createElementVNode("input", {
              "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => (($data.title) = $event)),
              placeholder: "按标题搜索",
              "aria-label": "标题"
            }, null, 512 /* NEED_PATCH */), [
              [
                _vModelText,
                $data.title,
                void 0,
                { trim: true }
              ]
            ]),
            _withDirectives(_createElementVNode("select", {
              "onUpdate:modelValue": _cache[2] || (_cache[2] = $event => (($data.order) = $event)),
              "aria-label": "排序"
            }, [...(_cache[10] || (_cache[10] = [
              _createElementVNode("option", { value: "-create_date" }, "最新", -1 /* CACHED */),
              _createElementVNode("option", { value: "-read_count" }, "阅读最多", -1 /* CACHED */),
              _createElementVNode("option", { value: "-forward_count" }, "转发最多", -1 /* CACHED */)
            ]))], 512 /* NEED_PATCH */), [
              [_vModelSelect, $data.order]
            ]),
            _cache[11] || (_cache[11] = _createElementVNode("button", null, "搜索", -1 /* CACHED */))
          ], 32 /* NEED_HYDRATION */),
          _createElementVNode("ul", _hoisted_3, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.list.rows, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.id,
                onClick: $event => ($options.go('articles', row.id))
              }, [
                (row.cover_picture)
                  ? (_openBlock(), _createElementBlock("img", {
                      key: 0,
                      src: $options.media(row.cover_picture),
                      class: "cover",
                      alt: ""
                    }, null, 8 /* PROPS */, _hoisted_5))
                  : _createCommentVNode("v-if", true),
                _createElementVNode("div", _hoisted_6, [
                  _createElementVNode("b", null, _toDisplayString(row.title), 1 /* TEXT */),
                  _createElementVNode("p", _hoisted_7, _toDisplayString(row.summary), 1 /* TEXT */),
                  _createElementVNode("p", _hoisted_8, "阅读 " + _toDisplayString(row.read_count) + " · 转发 " + _toDisplayString(row.forward_count) + " · " + _toDisplayString($options.time(row.create_date)), 1 /* TEXT */)
                ])
              ], 8 /* PROPS */, _hoisted_4))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          (!$data.list.loading && !$data.list.rows.length && $data.searched)
            ? (_openBlock(), _createBlock(_component_rw_empty, {
                key: 0,
                text: `没有标题含「${$data.searched}」的文章`
              }, {
                default: _withCtx(() => [
                  _createElementVNode("button", {
                    onClick: _cache[4] || (_cache[4] = (...args) => ($options.clearSearch && $options.clearSearch(...args)))
                  }, "显示全部文章")
                ]),
                _: 1 /* STABLE */
              }, 8 /* PROPS */, ["text"]))
            : (!$data.list.loading && !$data.list.rows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 1,
                  text: "还没有文章。写一篇,分享出去:谁读了、转给了谁,都会长成一棵传播树。"
                }, {
                  default: _withCtx(() => [
                    _createElementVNode("button", {
                      class: "primary",
                      id: "article-first",
                      onClick: _cache[5] || (_cache[5] = (...args) => ($options.create && $options.create(...args)))
                    }, "写文章")
                  ]),
                  _: 1 /* STABLE */
                }))
              : _createCommentVNode("v-if", true),
          _createVNode(_component_rw_more, {
            shown: $data.list.rows.length,
            total: $data.list.total,
            loading: $data.list.loading,
            onMore: _cache[6] || (_cache[6] = $event => ($data.list.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ], 64 /* STABLE_FRAGMENT */)),
    ($data.editing)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 2,
          title: "写文章",
          onClose: _cache[8] || (_cache[8] = $event => ($data.editing = null))
        }, {
          default: _withCtx(() => [
            _createVNode(_component_rw_article_form, {
              modelValue: $data.editing,
              "onUpdate:modelValue": _cache[7] || (_cache[7] = $event => (($data.editing) = $event)),
              onSubmit: $options.save
            }, null, 8 /* PROPS */, ["modelValue", "onSubmit"])
          ]),
          _: 1 /* STABLE */
        }))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
