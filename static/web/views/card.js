/* Compiled from card.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 5d644af022589b6c3d83df882b93b4db712c2047f0dce6acaae9388e127c6b2c */
/* 名片: the business card customers see (information, signature, tags, photos, avatar, QR code).
   Pictures go up in chunks like the mini-program's. */
import { get, post, Q, upload as uploadFile } from "../api.js";
import { problems } from "../fields.js";
import { media } from "../format.js";
import { attempt } from "../notices.js";

const CARD_FIELDS = [["mingpian_phone", "名片手机"], ["wechat", "微信"], ["telephone", "座机"], ["email", "邮箱"],
  ["position", "职位"], ["area", "地区"], ["address", "地址"]];

const _sfc_main = {
  data: () => ({ card: null, form: null, sign: "", showPhone: true, newTag: "", busy: false, fields: CARD_FIELDS,
                 problems: problems() }),
  provide() {
    return { problems: this.problems };
  },
  created() {
    this.load();
  },
  methods: {
    async load() {
      await attempt(async () => {
        this.card = (await get(`${Q}/mingpian`)).ret_data[0];
        this.form = Object.fromEntries(CARD_FIELDS.map(([field]) => [field, this.card[field] || ""]));
        this.form.country = this.card.country === "国外" ? 2 : 1;
        this.sign = this.card.sign || "";
        this.showPhone = this.card.is_show_phone;
      });
    },
    async run(action, done) {
      this.busy = true;
      await attempt(async () => {
        await action();
        await this.load();
      }, done, this.problems);
      this.busy = false;
    },
    saveInfo() {
      const body = Object.fromEntries(Object.entries(this.form).filter(([key, value]) => value !== "" || key === "mingpian_phone"));
      this.run(() => post(`${Q}/mingpian/save_info`, body), "名片已保存");
    },
    saveSign() { this.run(() => post(`${Q}/mingpian/save_sign`, { sign: this.sign }), "签名已保存"); },
    savePhone() {
      this.run(() => post(`${Q}/mingpian/save_phone`, { mingpian_phone: this.form.mingpian_phone, is_show_phone: this.showPhone }),
               this.showPhone ? "客户可以看到手机号" : "手机号已对客户隐藏");
    },
    addTag() {
      this.run(async () => {
        await post(`${Q}/tag_user/add`, { name: this.newTag });
        this.newTag = "";
      });
    },
    removeTag(tag) { this.run(() => post(`${Q}/tag_user/delete`, { id: tag.id })); },
    upload(event, source) {
      const file = event.target.files[0];
      event.target.value = "";
      if (!file) return;
      this.run(() => uploadFile(file, { chunkPath: "/zhugeleida/public/img_upload", mergePath: "/zhugeleida/public/img_merge",
                                       fields: { img_source: source } }), source === "user_photo" ? "照片已上传" : "头像已更换");
    },
    removePhoto(id) { this.run(() => post(`${Q}/mingpian/delete_photo`, { photo_id: id }), "照片已删除"); },
    makeQr() { this.run(() => post(`${Q}/mingpian/create_small_program_qr_code`), "二维码已生成"); },
    media,
  },
};
import { resolveComponent as _resolveComponent, createVNode as _createVNode, createElementVNode as _createElementVNode, toDisplayString as _toDisplayString, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, vModelText as _vModelText, withDirectives as _withDirectives, withCtx as _withCtx, createBlock as _createBlock, vModelSelect as _vModelSelect, withModifiers as _withModifiers, vModelCheckbox as _vModelCheckbox, createTextVNode as _createTextVNode, createCommentVNode as _createCommentVNode } from "vue"

const _hoisted_1 = {
  key: 0,
  class: "view card-view"
}
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = {
  class: "avatar-edit",
  title: "更换头像"
}
const _hoisted_4 = { class: "grow" }
const _hoisted_5 = { class: "muted small" }
const _hoisted_6 = { class: "grid" }
const _hoisted_7 = ["onUpdate:modelValue", "id", "required"]
const _hoisted_8 = ["disabled"]
const _hoisted_9 = { class: "card" }
const _hoisted_10 = ["disabled"]
const _hoisted_11 = { class: "check" }
const _hoisted_12 = { class: "chips" }
const _hoisted_13 = ["onClick"]
const _hoisted_14 = { class: "card wide" }
const _hoisted_15 = { class: "link" }
const _hoisted_16 = {
  class: "photos",
  id: "card-photos"
}
const _hoisted_17 = ["src"]
const _hoisted_18 = ["onClick"]
const _hoisted_19 = { class: "button primary" }
const _hoisted_20 = { class: "card" }
const _hoisted_21 = ["src"]
const _hoisted_22 = { class: "muted small" }
const _hoisted_23 = ["disabled"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_field = _resolveComponent("rw-field")
  const _component_rw_empty = _resolveComponent("rw-empty")

  return (_ctx.card)
    ? (_openBlock(), _createElementBlock("section", _hoisted_1, [
        _createElementVNode("header", _hoisted_2, [
          _createElementVNode("label", _hoisted_3, [
            _createVNode(_component_rw_avatar, {
              src: _ctx.card.avatar,
              size: 56
            }, null, 8 /* PROPS */, ["src"]),
            _createElementVNode("input", {
              type: "file",
              accept: "image/*",
              onChange: _cache[0] || (_cache[0] = $event => ($options.upload($event, 'user_avatar'))),
              hidden: ""
            }, null, 32 /* NEED_HYDRATION */)
          ]),
          _createElementVNode("div", _hoisted_4, [
            _createElementVNode("h2", null, _toDisplayString(_ctx.card.username), 1 /* TEXT */),
            _createElementVNode("p", _hoisted_5, _toDisplayString(_ctx.card.position) + " · " + _toDisplayString(_ctx.card.company), 1 /* TEXT */)
          ])
        ]),
        _createElementVNode("div", _hoisted_6, [
          _createElementVNode("form", {
            class: "card form",
            onSubmit: _cache[2] || (_cache[2] = _withModifiers((...args) => ($options.saveInfo && $options.saveInfo(...args)), ["prevent"])),
            id: "card-form"
          }, [
            _cache[13] || (_cache[13] = _createElementVNode("h3", null, "名片信息", -1 /* CACHED */)),
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.fields, ([field, label]) => {
              return (_openBlock(), _createBlock(_component_rw_field, {
                key: field,
                label: label,
                name: field
              }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    "onUpdate:modelValue": $event => ((_ctx.form[field]) = $event),
                    id: 'card-' + field,
                    required: field === 'mingpian_phone'
                  }, null, 8 /* PROPS */, _hoisted_7), [
                    [
                      _vModelText,
                      _ctx.form[field],
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 2 /* DYNAMIC */
              }, 1032 /* PROPS, DYNAMIC_SLOTS */, ["label", "name"]))
            }), 128 /* KEYED_FRAGMENT */)),
            _createVNode(_component_rw_field, {
              label: "国家/地区",
              name: "country"
            }, {
              default: _withCtx(() => [
                _withDirectives(_createElementVNode("select", {
                  "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => ((_ctx.form.country) = $event))
                }, [...(_cache[12] || (_cache[12] = [
                  _createElementVNode("option", { value: 1 }, "国内", -1 /* CACHED */),
                  _createElementVNode("option", { value: 2 }, "国外", -1 /* CACHED */)
                ]))], 512 /* NEED_PATCH */), [
                  [
                    _vModelSelect,
                    _ctx.form.country,
                    void 0,
                    { number: true }
                  ]
                ])
              ]),
              _: 1 /* STABLE */
            }),
            _createElementVNode("button", {
              class: "primary",
              disabled: _ctx.busy
            }, "保存", 8 /* PROPS */, _hoisted_8)
          ], 32 /* NEED_HYDRATION */),
          _createElementVNode("section", _hoisted_9, [
            _cache[16] || (_cache[16] = _createElementVNode("h3", null, "签名", -1 /* CACHED */)),
            _createElementVNode("form", {
              class: "form",
              onSubmit: _cache[4] || (_cache[4] = _withModifiers((...args) => ($options.saveSign && $options.saveSign(...args)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, { name: "sign" }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("textarea", {
                    "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => ((_ctx.sign) = $event)),
                    rows: "3",
                    maxlength: "200",
                    id: "card-sign",
                    "aria-label": "签名"
                  }, null, 512 /* NEED_PATCH */), [
                    [
                      _vModelText,
                      _ctx.sign,
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _createElementVNode("button", { disabled: _ctx.busy }, "保存签名", 8 /* PROPS */, _hoisted_10)
            ], 32 /* NEED_HYDRATION */),
            _cache[17] || (_cache[17] = _createElementVNode("h3", null, "手机号", -1 /* CACHED */)),
            _createElementVNode("label", _hoisted_11, [
              _withDirectives(_createElementVNode("input", {
                type: "checkbox",
                "onUpdate:modelValue": _cache[5] || (_cache[5] = $event => ((_ctx.showPhone) = $event)),
                onChange: _cache[6] || (_cache[6] = (...args) => ($options.savePhone && $options.savePhone(...args)))
              }, null, 544 /* NEED_HYDRATION, NEED_PATCH */), [
                [_vModelCheckbox, _ctx.showPhone]
              ]),
              _cache[14] || (_cache[14] = _createTextVNode(" 客户可以看到我的手机号", -1 /* CACHED */))
            ]),
            _cache[18] || (_cache[18] = _createElementVNode("h3", null, "我的标签", -1 /* CACHED */)),
            _createElementVNode("p", _hoisted_12, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.card.tag, (tag) => {
                return (_openBlock(), _createElementBlock("span", {
                  class: "chip",
                  key: tag.id
                }, [
                  _createTextVNode(_toDisplayString(tag.name) + " ", 1 /* TEXT */),
                  _createElementVNode("button", {
                    class: "x",
                    onClick: $event => ($options.removeTag(tag)),
                    "aria-label": "删除"
                  }, "×", 8 /* PROPS */, _hoisted_13)
                ]))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            _createElementVNode("form", {
              class: "inline",
              onSubmit: _cache[8] || (_cache[8] = _withModifiers((...args) => ($options.addTag && $options.addTag(...args)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, { name: "name" }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    "onUpdate:modelValue": _cache[7] || (_cache[7] = $event => ((_ctx.newTag) = $event)),
                    maxlength: "16",
                    placeholder: "新标签",
                    required: "",
                    "aria-label": "新标签"
                  }, null, 512 /* NEED_PATCH */), [
                    [
                      _vModelText,
                      _ctx.newTag,
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _cache[15] || (_cache[15] = _createElementVNode("button", null, "添加", -1 /* CACHED */))
            ], 32 /* NEED_HYDRATION */)
          ]),
          _createElementVNode("section", _hoisted_14, [
            _createElementVNode("h3", null, [
              _cache[20] || (_cache[20] = _createTextVNode("照片 ", -1 /* CACHED */)),
              _createElementVNode("label", _hoisted_15, [
                _cache[19] || (_cache[19] = _createTextVNode("上传", -1 /* CACHED */)),
                _createElementVNode("input", {
                  type: "file",
                  accept: "image/*",
                  onChange: _cache[9] || (_cache[9] = $event => ($options.upload($event, 'user_photo'))),
                  hidden: "",
                  id: "photo-input"
                }, null, 32 /* NEED_HYDRATION */)
              ])
            ]),
            _createElementVNode("div", _hoisted_16, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.card.photo, ([id, url]) => {
                return (_openBlock(), _createElementBlock("figure", { key: id }, [
                  _createElementVNode("img", {
                    src: $options.media(url),
                    alt: ""
                  }, null, 8 /* PROPS */, _hoisted_17),
                  _createElementVNode("button", {
                    class: "x",
                    onClick: $event => ($options.removePhoto(id)),
                    "aria-label": "删除照片"
                  }, "×", 8 /* PROPS */, _hoisted_18)
                ]))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!_ctx.card.photo.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 0,
                  text: "还没有照片。客户打开名片时会看到它们:办公室、团队、产品都可以。"
                }, {
                  default: _withCtx(() => [
                    _createElementVNode("label", _hoisted_19, [
                      _cache[21] || (_cache[21] = _createTextVNode("上传照片", -1 /* CACHED */)),
                      _createElementVNode("input", {
                        type: "file",
                        accept: "image/*",
                        onChange: _cache[10] || (_cache[10] = $event => ($options.upload($event, 'user_photo'))),
                        hidden: ""
                      }, null, 32 /* NEED_HYDRATION */)
                    ])
                  ]),
                  _: 1 /* STABLE */
                }))
              : _createCommentVNode("v-if", true)
          ]),
          _createElementVNode("section", _hoisted_20, [
            _cache[22] || (_cache[22] = _createElementVNode("h3", null, "名片二维码", -1 /* CACHED */)),
            (_ctx.card.qr_code)
              ? (_openBlock(), _createElementBlock("img", {
                  key: 0,
                  src: $options.media(_ctx.card.qr_code),
                  class: "qr",
                  alt: "名片二维码"
                }, null, 8 /* PROPS */, _hoisted_21))
              : _createCommentVNode("v-if", true),
            _createElementVNode("p", _hoisted_22, _toDisplayString(_ctx.card.qr_code ? '客户用微信扫这个码打开你的名片,就会出现在你的雷达上。' : '生成二维码,客户扫码打开你的名片,就会出现在你的雷达上。'), 1 /* TEXT */),
            _createElementVNode("p", null, [
              _createElementVNode("button", {
                onClick: _cache[11] || (_cache[11] = (...args) => ($options.makeQr && $options.makeQr(...args))),
                disabled: _ctx.busy
              }, _toDisplayString(_ctx.card.qr_code ? '重新生成' : '生成二维码'), 9 /* TEXT, PROPS */, _hoisted_23)
            ])
          ])
        ])
      ]))
    : _createCommentVNode("v-if", true)
}
_sfc_main.render = render;
export default _sfc_main;
