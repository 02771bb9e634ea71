/* Compiled from customer-profile.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 2d33fdbaa580f3e8d5f44aace8e329f2038ef974ed0a93fe36f5bc3b5d1bb577 */
/* A customer's profile: information, tags, forecast, follow-up records with the common phrases,
   what they did and read, and the way to the chat. */
import { get, pagedList, post, Q } from "../api.js";
import { problems } from "../fields.js";
import { time } from "../format.js";
import { attempt } from "../notices.js";
import { go } from "../router.js";

const INFO_FIELDS = [
  ["username", "姓名"], ["memo_name", "备注名"], ["phone", "手机"], ["email", "邮箱"], ["company", "公司"],
  ["position", "职位"], ["address", "地址"], ["birthday", "生日"], ["mem", "备注"],
];

const _sfc_main = {
  props: { customerId: Number },
  data() {
    return {
      profile: null, groups: [], newTag: "", forecastPr: "", forecastDate: "", editing: null,
      notes: pagedList(`${Q}/follow_info`, () => ({ customer_id: this.customerId }), { length: 10 }),
      note: "", phrases: [], newPhrase: "", counts: null, reads: [], fields: INFO_FIELDS, problems: problems(),
    };
  },
  provide() {
    return { problems: this.problems };
  },
  created() {
    this.load();
  },
  computed: {
    selected() {
      return this.groups.flatMap((group) => group.tags).filter((tag) => tag.is_select).map((tag) => tag.id);
    },
  },
  methods: {
    async load() {
      const id = { customer_id: this.customerId };
      await attempt(async () => {
        const [profile, tags, phrases, counts, reads] = await Promise.all([
          get(`${Q}/customer`, id), get(`${Q}/tag_list`, id), get(`${Q}/follow_language`),
          get(`${Q}/action/customer_detail`, id), get(`${Q}/article/customer_read_info/0`, id),
          this.notes.load(),
        ]);
        this.profile = profile.ret_data[0];
        this.forecastPr = this.profile.expedted_pr;
        this.forecastDate = this.profile.expected_time;
        this.groups = tags.ret_data;
        this.phrases = phrases.data_count.follow_language_data;
        this.counts = counts[0][String(this.customerId)];
        this.reads = reads.ret_data;
      });
    },
    toggle(tag) {
      tag.is_select = !tag.is_select;
      attempt(async () => {
        await post(`${Q}/tag_list/customer_tag/${this.customerId}`, { tag_list: this.selected });
        this.profile = (await get(`${Q}/customer`, { customer_id: this.customerId })).ret_data[0];
      });
    },
    addTag() {
      attempt(async () => {
        await post(`${Q}/tag_list/add_tag/${this.customerId}`, { name: this.newTag });
        this.newTag = "";
        await this.load();
      }, "标签已添加", this.problems);
    },
    savePr() {
      attempt(async () => {
        await post(`${Q}/customer/update_expected_pr/${this.customerId}`, { expedted_pr: String(this.forecastPr) });
        await Promise.all([this.notes.load(), this.reload()]);
      }, "预计成交率已更新", this.problems);
    },
    saveDate() {
      attempt(async () => {
        await post(`${Q}/customer/update_expected_time/${this.customerId}`, { expected_time: this.forecastDate });
        await Promise.all([this.notes.load(), this.reload()]);
      }, "预计成交日期已更新", this.problems);
    },
    async reload() {
      this.profile = (await get(`${Q}/customer`, { customer_id: this.customerId })).ret_data[0];
    },
    edit() {
      this.editing = Object.fromEntries(INFO_FIELDS.map(([field]) => [field, this.profile[field] || ""]));
      this.editing.sex = this.profile.sex || "";
    },
    saveInfo() {
      const changes = Object.fromEntries(Object.entries(this.editing).filter(([, value]) => value !== ""));
      attempt(async () => {
        await post(`${Q}/customer/update_information/${this.customerId}`, changes);
        this.editing = null;
        await this.reload();
      }, "资料已保存", this.problems);
    },
    addNote() {
      attempt(async () => {
        await post(`${Q}/follow_info/add/${this.customerId}`, { follow_info: this.note });
        this.note = "";
        await this.notes.load();
      }, "已记录跟进", this.problems);
    },
    addPhrase() {
      attempt(async () => {
        await post(`${Q}/follow_language/add/0`, { custom_language: this.newPhrase });
        this.newPhrase = "";
        this.phrases = (await get(`${Q}/follow_language`)).data_count.follow_language_data;
      }, undefined, this.problems);
    },
    removePhrase(phrase) {
      attempt(async () => {
        await post(`${Q}/follow_language/delete/${phrase.language_id}`);
        this.phrases = this.phrases.filter((row) => row !== phrase);
      });
    },
    remove() {
      if (!confirm(`删除客户「${this.profile.username}」?你与他的聊天、动态和跟进记录都会删除。`)) return;
      attempt(async () => {
        await post(`${Q}/customer/delete/${this.customerId}`);
        go("customers");
      }, "客户已删除");
    },
    go,
    time,
  },
};
import { createElementVNode as _createElementVNode, resolveComponent as _resolveComponent, createVNode as _createVNode, toDisplayString as _toDisplayString, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, createTextVNode as _createTextVNode, renderList as _renderList, Fragment as _Fragment, vModelText as _vModelText, withDirectives as _withDirectives, withCtx as _withCtx, withModifiers as _withModifiers, normalizeClass as _normalizeClass, createBlock as _createBlock, vModelDynamic as _vModelDynamic, vModelSelect as _vModelSelect } from "vue"

const _hoisted_1 = {
  key: 0,
  class: "profile",
  id: "customer-profile"
}
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = { class: "grow" }
const _hoisted_4 = { class: "muted small" }
const _hoisted_5 = { key: 0 }
const _hoisted_6 = { class: "grid" }
const _hoisted_7 = { class: "card" }
const _hoisted_8 = { class: "info" }
const _hoisted_9 = { class: "card" }
const _hoisted_10 = { class: "muted small" }
const _hoisted_11 = { class: "card" }
const _hoisted_12 = { class: "muted small" }
const _hoisted_13 = ["onClick"]
const _hoisted_14 = {
  key: 0,
  class: "card"
}
const _hoisted_15 = { class: "chips" }
const _hoisted_16 = { key: 0 }
const _hoisted_17 = { class: "plain" }
const _hoisted_18 = { class: "card wide" }
const _hoisted_19 = { class: "chips" }
const _hoisted_20 = ["onClick"]
const _hoisted_21 = ["onClick"]
const _hoisted_22 = { class: "inline" }
const _hoisted_23 = ["disabled"]
const _hoisted_24 = {
  class: "timeline",
  id: "follow-list"
}
const _hoisted_25 = { class: "muted small" }
const _hoisted_26 = { class: "danger-zone" }
const _hoisted_27 = ["onUpdate:modelValue", "type", "id"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_field = _resolveComponent("rw-field")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_modal = _resolveComponent("rw-modal")

  return ($data.profile)
    ? (_openBlock(), _createElementBlock("div", _hoisted_1, [
        _createElementVNode("header", _hoisted_2, [
          _createElementVNode("button", {
            class: "icon",
            onClick: _cache[0] || (_cache[0] = $event => ($options.go('customers'))),
            "aria-label": "返回"
          }, "←"),
          _createVNode(_component_rw_avatar, {
            src: $data.profile.headimgurl,
            size: 48
          }, null, 8 /* PROPS */, ["src"]),
          _createElementVNode("div", _hoisted_3, [
            _createElementVNode("h2", null, _toDisplayString($data.profile.memo_name || $data.profile.username), 1 /* TEXT */),
            _createElementVNode("p", _hoisted_4, [
              _createTextVNode("来源 " + _toDisplayString($data.profile.source), 1 /* TEXT */),
              ($data.profile.superior)
                ? (_openBlock(), _createElementBlock("span", _hoisted_5, " · 上级 " + _toDisplayString($data.profile.superior), 1 /* TEXT */))
                : _createCommentVNode("v-if", true)
            ])
          ]),
          _createElementVNode("button", {
            class: "primary",
            id: "to-chat",
            onClick: _cache[1] || (_cache[1] = $event => ($options.go('chat', $props.customerId)))
          }, "发消息")
        ]),
        _createElementVNode("div", _hoisted_6, [
          _createElementVNode("section", _hoisted_7, [
            _createElementVNode("h3", null, [
              _cache[18] || (_cache[18] = _createTextVNode("资料 ", -1 /* CACHED */)),
              _createElementVNode("button", {
                class: "link",
                onClick: _cache[2] || (_cache[2] = (...args) => ($options.edit && $options.edit(...args)))
              }, "编辑")
            ]),
            _createElementVNode("dl", _hoisted_8, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.fields, ([field, label]) => {
                return (_openBlock(), _createElementBlock(_Fragment, { key: field }, [
                  _createElementVNode("dt", null, _toDisplayString(label), 1 /* TEXT */),
                  _createElementVNode("dd", null, _toDisplayString($data.profile[field] || '—'), 1 /* TEXT */)
                ], 64 /* STABLE_FRAGMENT */))
              }), 128 /* KEYED_FRAGMENT */)),
              _cache[19] || (_cache[19] = _createElementVNode("dt", null, "性别", -1 /* CACHED */)),
              _createElementVNode("dd", null, _toDisplayString($data.profile.sex === 1 ? '男' : $data.profile.sex === 2 ? '女' : '—'), 1 /* TEXT */)
            ])
          ]),
          _createElementVNode("section", _hoisted_9, [
            _cache[22] || (_cache[22] = _createElementVNode("h3", null, "成交预测", -1 /* CACHED */)),
            _createElementVNode("form", {
              class: "inline",
              onSubmit: _cache[4] || (_cache[4] = _withModifiers((...args) => ($options.savePr && $options.savePr(...args)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, {
                label: "预计成交率 (%)",
                name: "expedted_pr"
              }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    id: "forecast-pr",
                    "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => (($data.forecastPr) = $event)),
                    type: "number",
                    min: "0",
                    max: "100",
                    required: ""
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.forecastPr]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _cache[20] || (_cache[20] = _createElementVNode("button", null, "保存", -1 /* CACHED */))
            ], 32 /* NEED_HYDRATION */),
            _createElementVNode("form", {
              class: "inline",
              onSubmit: _cache[6] || (_cache[6] = _withModifiers((...args) => ($options.saveDate && $options.saveDate(...args)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, {
                label: "预计成交日期",
                name: "expected_time"
              }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    id: "forecast-date",
                    "onUpdate:modelValue": _cache[5] || (_cache[5] = $event => (($data.forecastDate) = $event)),
                    type: "date",
                    required: ""
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.forecastDate]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _cache[21] || (_cache[21] = _createElementVNode("button", null, "保存", -1 /* CACHED */))
            ], 32 /* NEED_HYDRATION */),
            _createElementVNode("p", _hoisted_10, "AI 预测成交率 " + _toDisplayString($data.profile.ai_pr || '—'), 1 /* TEXT */)
          ]),
          _createElementVNode("section", _hoisted_11, [
            _cache[24] || (_cache[24] = _createElementVNode("h3", null, "标签", -1 /* CACHED */)),
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.groups, (group) => {
              return (_openBlock(), _createElementBlock("div", {
                key: group.name,
                class: "tag-group"
              }, [
                _createElementVNode("span", _hoisted_12, _toDisplayString(group.name), 1 /* TEXT */),
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(group.tags, (tag) => {
                  return (_openBlock(), _createElementBlock("button", {
                    key: tag.id,
                    class: _normalizeClass(["tag", {on: tag.is_select}]),
                    onClick: $event => ($options.toggle(tag))
                  }, _toDisplayString(tag.name), 11 /* TEXT, CLASS, PROPS */, _hoisted_13))
                }), 128 /* KEYED_FRAGMENT */))
              ]))
            }), 128 /* KEYED_FRAGMENT */)),
            _createElementVNode("form", {
              class: "inline",
              onSubmit: _cache[8] || (_cache[8] = _withModifiers((...args) => ($options.addTag && $options.addTag(...args)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, { name: "name" }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    "onUpdate:modelValue": _cache[7] || (_cache[7] = $event => (($data.newTag) = $event)),
                    placeholder: "新标签",
                    maxlength: "32",
                    required: "",
                    "aria-label": "新标签"
                  }, null, 512 /* NEED_PATCH */), [
                    [
                      _vModelText,
                      $data.newTag,
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _cache[23] || (_cache[23] = _createElementVNode("button", null, "添加", -1 /* CACHED */))
            ], 32 /* NEED_HYDRATION */)
          ]),
          ($data.counts)
            ? (_openBlock(), _createElementBlock("section", _hoisted_14, [
                _createElementVNode("h3", null, "行为 (" + _toDisplayString($data.counts.totalCount) + ")", 1 /* TEXT */),
                _createElementVNode("p", _hoisted_15, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.counts.detail, (item) => {
                    return (_openBlock(), _createElementBlock("span", {
                      class: "chip",
                      key: item.action
                    }, _toDisplayString(item.name) + " " + _toDisplayString(item.count), 1 /* TEXT */))
                  }), 128 /* KEYED_FRAGMENT */))
                ]),
                ($data.reads.length)
                  ? (_openBlock(), _createElementBlock("h3", _hoisted_16, "阅读的文章"))
                  : _createCommentVNode("v-if", true),
                _createElementVNode("ul", _hoisted_17, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.reads, (read) => {
                    return (_openBlock(), _createElementBlock("li", {
                      key: read.article_id
                    }, "《" + _toDisplayString(read.article_title) + "》 阅读 " + _toDisplayString(read.read_count) + " 次 · 停留 " + _toDisplayString(read.stay_time) + " · 转发 " + _toDisplayString(read.forward_count), 1 /* TEXT */))
                  }), 128 /* KEYED_FRAGMENT */))
                ])
              ]))
            : _createCommentVNode("v-if", true),
          _createElementVNode("section", _hoisted_18, [
            _cache[26] || (_cache[26] = _createElementVNode("h3", null, "跟进记录", -1 /* CACHED */)),
            _createElementVNode("form", {
              onSubmit: _cache[12] || (_cache[12] = _withModifiers((...args) => ($options.addNote && $options.addNote(...args)), ["prevent"])),
              class: "note-form"
            }, [
              _createVNode(_component_rw_field, { name: "follow_info" }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("textarea", {
                    id: "follow-text",
                    "onUpdate:modelValue": _cache[9] || (_cache[9] = $event => (($data.note) = $event)),
                    maxlength: "256",
                    rows: "2",
                    placeholder: "写下这次跟进…",
                    required: "",
                    "aria-label": "跟进内容"
                  }, null, 512 /* NEED_PATCH */), [
                    [
                      _vModelText,
                      $data.note,
                      void 0,
                      { trim: true }
                    ]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _createElementVNode("p", _hoisted_19, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.phrases, (phrase) => {
                  return (_openBlock(), _createElementBlock("button", {
                    type: "button",
                    class: "chip phrase",
                    key: phrase.language_id,
                    onClick: $event => ($data.note = phrase.language)
                  }, [
                    _createTextVNode(_toDisplayString(phrase.language), 1 /* TEXT */),
                    (phrase.user_id)
                      ? (_openBlock(), _createElementBlock("span", {
                          key: 0,
                          class: "x",
                          title: "删除常用语",
                          onClick: _withModifiers($event => ($options.removePhrase(phrase)), ["stop"])
                        }, "×", 8 /* PROPS */, _hoisted_21))
                      : _createCommentVNode("v-if", true)
                  ], 8 /* PROPS */, _hoisted_20))
                }), 128 /* KEYED_FRAGMENT */))
              ]),
              _createElementVNode("div", _hoisted_22, [
                _cache[25] || (_cache[25] = _createElementVNode("button", {
                  class: "primary",
                  id: "follow-submit"
                }, "记录跟进", -1 /* CACHED */)),
                _createVNode(_component_rw_field, { name: "custom_language" }, {
                  default: _withCtx(() => [
                    _withDirectives(_createElementVNode("input", {
                      "onUpdate:modelValue": _cache[10] || (_cache[10] = $event => (($data.newPhrase) = $event)),
                      placeholder: "添加常用语",
                      maxlength: "64",
                      "aria-label": "添加常用语"
                    }, null, 512 /* NEED_PATCH */), [
                      [
                        _vModelText,
                        $data.newPhrase,
                        void 0,
                        { trim: true }
                      ]
                    ])
                  ]),
                  _: 1 /* STABLE */
                }),
                _createElementVNode("button", {
                  type: "button",
                  disabled: !$data.newPhrase,
                  onClick: _cache[11] || (_cache[11] = (...args) => ($options.addPhrase && $options.addPhrase(...args)))
                }, "添加", 8 /* PROPS */, _hoisted_23)
              ])
            ], 32 /* NEED_HYDRATION */),
            _createElementVNode("ul", _hoisted_24, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.notes.rows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.create_date + row.follow_info
                }, [
                  _createElementVNode("span", _hoisted_25, _toDisplayString($options.time(row.create_date)) + " · " + _toDisplayString(row.user_customer_flowup__user__username), 1 /* TEXT */),
                  _createElementVNode("p", null, _toDisplayString(row.follow_info), 1 /* TEXT */)
                ]))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!$data.notes.loading && !$data.notes.rows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 0,
                  text: "还没有跟进记录。写下这次和客户聊了什么,或点一句常用语。"
                }))
              : _createCommentVNode("v-if", true),
            _createVNode(_component_rw_more, {
              shown: $data.notes.rows.length,
              total: $data.notes.total,
              loading: $data.notes.loading,
              onMore: _cache[13] || (_cache[13] = $event => ($data.notes.more()))
            }, null, 8 /* PROPS */, ["shown", "total", "loading"])
          ])
        ]),
        _createElementVNode("p", _hoisted_26, [
          _createElementVNode("button", {
            class: "danger",
            onClick: _cache[14] || (_cache[14] = (...args) => ($options.remove && $options.remove(...args)))
          }, "删除客户")
        ]),
        ($data.editing)
          ? (_openBlock(), _createBlock(_component_rw_modal, {
              key: 0,
              title: "编辑客户资料",
              onClose: _cache[17] || (_cache[17] = $event => ($data.editing = null))
            }, {
              default: _withCtx(() => [
                _createElementVNode("form", {
                  class: "form",
                  onSubmit: _cache[16] || (_cache[16] = _withModifiers((...args) => ($options.saveInfo && $options.saveInfo(...args)), ["prevent"]))
                }, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.fields, ([field, label]) => {
                    return (_openBlock(), _createBlock(_component_rw_field, {
                      key: field,
                      label: label,
                      name: field
                    }, {
                      default: _withCtx(() => [
                        _withDirectives(_createElementVNode("input", {
                          "onUpdate:modelValue": $event => (($data.editing[field]) = $event),
                          type: field === 'birthday' ? 'date' : 'text',
                          id: 'customer-' + field
                        }, null, 8 /* PROPS */, _hoisted_27), [
                          [
                            _vModelDynamic,
                            $data.editing[field],
                            void 0,
                            { trim: true }
                          ]
                        ])
                      ]),
                      _: 2 /* DYNAMIC */
                    }, 1032 /* PROPS, DYNAMIC_SLOTS */, ["label", "name"]))
                  }), 128 /* KEYED_FRAGMENT */)),
                  _createVNode(_component_rw_field, {
                    label: "性别",
                    name: "sex"
                  }, {
                    default: _withCtx(() => [
                      _withDirectives(_createElementVNode("select", {
                        "onUpdate:modelValue": _cache[15] || (_cache[15] = $event => (($data.editing.sex) = $event))
                      }, [...(_cache[27] || (_cache[27] = [
                        _createElementVNode("option", { value: "" }, "未知", -1 /* CACHED */),
                        _createElementVNode("option", { value: 1 }, "男", -1 /* CACHED */),
                        _createElementVNode("option", { value: 2 }, "女", -1 /* CACHED */)
                      ]))], 512 /* NEED_PATCH */), [
                        [_vModelSelect, $data.editing.sex]
                      ])
                    ]),
                    _: 1 /* STABLE */
                  }),
                  _cache[28] || (_cache[28] = _createElementVNode("button", { class: "primary" }, "保存", -1 /* CACHED */))
                ], 32 /* NEED_HYDRATION */)
              ]),
              _: 1 /* STABLE */
            }))
          : _createCommentVNode("v-if", true)
      ]))
    : _createCommentVNode("v-if", true)
}
_sfc_main.render = render;
export default _sfc_main;
