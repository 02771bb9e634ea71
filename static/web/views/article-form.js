/* Compiled from article-form.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 1be43b22ff5fa4aec0646d0ce63d55f7f2759cb522030d64258b7573b9084fc8 */
// An article's title, summary, cover and text, for writing and editing (the screen provides its problems).
const _sfc_main = {
  props: { modelValue: Object },
  emits: ["submit"],
};
import { vModelText as _vModelText, createElementVNode as _createElementVNode, withDirectives as _withDirectives, resolveComponent as _resolveComponent, withCtx as _withCtx, createVNode as _createVNode, withModifiers as _withModifiers, openBlock as _openBlock, createElementBlock as _createElementBlock } from "vue"

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_field = _resolveComponent("rw-field")

  return (_openBlock(), _createElementBlock("form", {
    class: "form",
    onSubmit: _cache[4] || (_cache[4] = _withModifiers($event => (_ctx.$emit('submit')), ["prevent"]))
  }, [
    _createVNode(_component_rw_field, {
      label: "标题",
      name: "title"
    }, {
      default: _withCtx(() => [
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
      _: 1 /* STABLE */
    }),
    _createVNode(_component_rw_field, {
      label: "摘要",
      name: "summary"
    }, {
      default: _withCtx(() => [
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
      _: 1 /* STABLE */
    }),
    _createVNode(_component_rw_field, {
      label: "封面图片地址",
      name: "cover_picture"
    }, {
      default: _withCtx(() => [
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
      _: 1 /* STABLE */
    }),
    _createVNode(_component_rw_field, {
      label: "正文",
      name: "content"
    }, {
      default: _withCtx(() => [
        _withDirectives(_createElementVNode("textarea", {
          id: "article-content",
          "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => (($props.modelValue.content) = $event)),
          rows: "10",
          required: ""
        }, null, 512 /* NEED_PATCH */), [
          [_vModelText, $props.modelValue.content]
        ])
      ]),
      _: 1 /* STABLE */
    }),
    _cache[5] || (_cache[5] = _createElementVNode("button", {
      class: "primary",
      id: "article-save"
    }, "保存", -1 /* CACHED */))
  ], 32 /* NEED_HYDRATION */))
}
_sfc_main.render = render;
export default _sfc_main;
