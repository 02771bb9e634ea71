/* Compiled from article-form.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: f840c7cbf243835bf19ea83d30896fabf956658a9b1cc464e42404bb2056aa5f */
// An article's title, summary, cover and text, for writing and editing.
const _sfc_main = {
  props: { modelValue: Object },
  emits: ["submit"],
};
import { vModelText as _vModelText, createElementVNode as _createElementVNode, withDirectives as _withDirectives, createTextVNode as _createTextVNode, withModifiers as _withModifiers, openBlock as _openBlock, createElementBlock as _createElementBlock } from "vue"

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("form", {
    class: "form",
    onSubmit: _cache[4] || (_cache[4] = _withModifiers($event => (_ctx.$emit('submit')), ["prevent"]))
  }, [
    _createElementVNode("label", null, [
      _cache[5] || (_cache[5] = _createTextVNode("标题", -1 /* CACHED */)),
      _withDirectives(_createElementVNode("input", {
        id: "article-title",
        "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => (($props.modelValue.title) = $event)),
        maxlength: "100",
        required: ""
      }, null, 512 /* NEED_PATCH */), [
        [
          _vModelText,
          $props.modelValue.title,
          void 0,
          { trim: true }
        ]
      ])
    ]),
    _createElementVNode("label", null, [
      _cache[6] || (_cache[6] = _createTextVNode("摘要", -1 /* CACHED */)),
      _withDirectives(_createElementVNode("input", {
        "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => (($props.modelValue.summary) = $event)),
        maxlength: "200"
      }, null, 512 /* NEED_PATCH */), [
        [
          _vModelText,
          $props.modelValue.summary,
          void 0,
          { trim: true }
        ]
      ])
    ]),
    _createElementVNode("label", null, [
      _cache[7] || (_cache[7] = _createTextVNode("封面图片地址", -1 /* CACHED */)),
      _withDirectives(_createElementVNode("input", {
        "onUpdate:modelValue": _cache[2] || (_cache[2] = $event => (($props.modelValue.cover_picture) = $event)),
        placeholder: "https://…"
      }, null, 512 /* NEED_PATCH */), [
        [
          _vModelText,
          $props.modelValue.cover_picture,
          void 0,
          { trim: true }
        ]
      ])
    ]),
    _createElementVNode("label", null, [
      _cache[8] || (_cache[8] = _createTextVNode("正文", -1 /* CACHED */)),
      _withDirectives(_createElementVNode("textarea", {
        id: "article-content",
        "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => (($props.modelValue.content) = $event)),
        rows: "10",
        required: ""
      }, null, 512 /* NEED_PATCH */), [
        [_vModelText, $props.modelValue.content]
      ])
    ]),
    _cache[9] || (_cache[9] = _createElementVNode("button", {
      class: "primary",
      id: "article-save"
    }, "保存", -1 /* CACHED */))
  ], 32 /* NEED_HYDRATION */))
}
_sfc_main.render = render;
export default _sfc_main;
