/* Compiled from customer-profile.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: b89f84c925fca1c65fd840cc24253c1d92ebbddf2007eccdd2b03b604376bca1 */
/* A customer's profile: information, the forecast beside the AI 成交率 (computed from behaviour, with
   its reasons) and the outcome, the next contact, tags (a single-choice group as a radio choice),
   follow-up records with the common phrases (and their export), what they did and read, the chat. */
import { get, pagedList, post, Q } from "../api.js";
import { problems } from "../fields.js";
import { hasCome, planned, time } from "../format.js";
import { attempt } from "../notices.js";
import { go } from "../router.js";
import Export from "../widgets/export.js";

const INFO_FIELDS = [
  ["username", "姓名"], ["memo_name", "备注名"], ["phone", "手机"], ["email", "邮箱"], ["company", "公司"],
  ["position", "职位"], ["address", "地址"], ["birthday", "生日"], ["mem", "备注"],
];
const OUTCOMES = [["open", "跟进中"], ["won", "已成交"], ["lost", "已流失"]];

// A date and an optional time as follow_info takes them: YYYY-MM-DD or YYYY-MM-DD HH:MM.
const moment = (day, hour) => (day ? `${day}${hour ? ` ${hour}` : ""}` : "");

const _sfc_main = {
  components: { "rw-export": Export },
  props: { customerId: Number },
  data() {
    return {
      profile: null, groups: [], newTag: "", forecastPr: "", forecastDate: "", editing: null,
      notes: pagedList(`${Q}/follow_info`, () => ({ customer_id: this.customerId }), { length: 10 }),
      note: "", noteNext: "", phrases: [], newPhrase: "", counts: null, reads: [], fields: INFO_FIELDS, problems: problems(),
      nextDay: "", nextHour: "", outcomes: OUTCOMES,
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
        this.show(profile.ret_data[0]);
        this.forecastPr = this.profile.expedted_pr;
        this.forecastDate = this.profile.expected_time;
        this.groups = tags.ret_data;
        this.phrases = phrases.data_count.follow_language_data;
        this.counts = counts[0][String(this.customerId)];
        this.reads = reads.ret_data;
      });
    },
    // The next contact's boxes follow the stored time when it changes (not while other edits reload).
    show(profile) {
      if (!this.profile || this.profile.next_time !== profile.next_time) {
        this.nextDay = profile.next_time.slice(0, 10);
        const hour = profile.next_time.slice(11, 16);
        this.nextHour = hour === "00:00" ? "" : hour;
      }
      this.profile = profile;
    },
    async reload() {
      this.show((await get(`${Q}/customer`, { customer_id: this.customerId })).ret_data[0]);
    },
    async reloadTags() {
      this.groups = (await get(`${Q}/tag_list`, { customer_id: this.customerId })).ret_data;
    },
    // A single-choice group is a radio choice: picking a tag drops the group's other one.
    toggle(group, tag) {
      const on = !tag.is_select;
      if (on && group.single_choice) group.tags.forEach((other) => { other.is_select = false; });
      tag.is_select = on;
      attempt(async () => {
        try {
          await post(`${Q}/tag_list/customer_tag/${this.customerId}`, { tag_list: this.selected });
        } catch (error) { // refused (e.g. a group made single-choice meanwhile): show what is stored
          await this.reloadTags();
          throw error;
        }
        await this.reload();
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
    setOutcome(outcome) {
      attempt(async () => {
        this.profile.outcome = (await post(`${Q}/customer/update_outcome/${this.customerId}`, { outcome })).outcome;
      }, { won: "已标记为成交", lost: "已标记为流失", open: "已改回跟进中" }[outcome]);
    },
    // The next contact alone; empty clears it.
    saveNext(clear) {
      attempt(async () => {
        await post(`${Q}/follow_info/next_time/${this.customerId}`, { next_time: clear ? "" : moment(this.nextDay, this.nextHour) });
        await this.reload();
      }, clear ? "已取消下次跟进" : "下次跟进时间已保存", this.problems);
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
        await post(`${Q}/follow_info/add/${this.customerId}`, { follow_info: this.note,
                                                               ...(this.noteNext ? { next_time: this.noteNext } : {}) });
        this.note = "";
        this.noteNext = "";
        await Promise.all([this.notes.load(), this.reload()]); // a due next contact is done by a note
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
    hasCome,
    planned,
    time,
  },
};
import { createElementVNode as _createElementVNode, resolveComponent as _resolveComponent, createVNode as _createVNode, toDisplayString as _toDisplayString, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, createTextVNode as _createTextVNode, renderList as _renderList, Fragment as _Fragment, normalizeClass as _normalizeClass, vModelText as _vModelText, withDirectives as _withDirectives, withCtx as _withCtx, withModifiers as _withModifiers, createBlock as _createBlock, vModelDynamic as _vModelDynamic, vModelSelect as _vModelSelect } from "vue"

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
const _hoisted_9 = {
  class: "card",
  id: "forecast"
}
const _hoisted_10 = {
  class: "ai-pr",
  id: "ai-pr"
}
const _hoisted_11 = { class: "ai-pr-value" }
const _hoisted_12 = { class: "muted small" }
const _hoisted_13 = {
  key: 0,
  class: "reasons",
  id: "ai-pr-reasons"
}
const _hoisted_14 = { class: "grow" }
const _hoisted_15 = { class: "muted small" }
const _hoisted_16 = ["title"]
const _hoisted_17 = {
  key: 1,
  class: "muted small",
  id: "ai-pr-none"
}
const _hoisted_18 = {
  class: "segmented",
  role: "radiogroup",
  "aria-label": "成交结果",
  id: "outcome"
}
const _hoisted_19 = ["aria-checked", "data-outcome", "onClick"]
const _hoisted_20 = {
  class: "card",
  id: "next-contact"
}
const _hoisted_21 = {
  key: 0,
  id: "next-shown"
}
const _hoisted_22 = {
  key: 0,
  class: "chip due"
}
const _hoisted_23 = {
  key: 1,
  class: "muted small",
  id: "next-shown"
}
const _hoisted_24 = {
  class: "card",
  id: "customer-tags"
}
const _hoisted_25 = ["role", "aria-label"]
const _hoisted_26 = { class: "muted small" }
const _hoisted_27 = ["role", "aria-checked", "aria-pressed", "onClick"]
const _hoisted_28 = {
  key: 0,
  class: "card"
}
const _hoisted_29 = { class: "chips" }
const _hoisted_30 = { key: 0 }
const _hoisted_31 = { class: "plain" }
const _hoisted_32 = { class: "card wide" }
const _hoisted_33 = { class: "with-tools" }
const _hoisted_34 = { class: "chips" }
const _hoisted_35 = ["onClick"]
const _hoisted_36 = ["onClick"]
const _hoisted_37 = { class: "inline" }
const _hoisted_38 = ["disabled"]
const _hoisted_39 = {
  class: "timeline",
  id: "follow-list"
}
const _hoisted_40 = { class: "muted small" }
const _hoisted_41 = { class: "danger-zone" }
const _hoisted_42 = ["onUpdate:modelValue", "type", "id"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_field = _resolveComponent("rw-field")
  const _component_rw_export = _resolveComponent("rw-export")
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
              _cache[23] || (_cache[23] = _createTextVNode("资料 ", -1 /* CACHED */)),
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
              _cache[24] || (_cache[24] = _createElementVNode("dt", null, "性别", -1 /* CACHED */)),
              _createElementVNode("dd", null, _toDisplayString($data.profile.sex === 1 ? '男' : $data.profile.sex === 2 ? '女' : '—'), 1 /* TEXT */)
            ])
          ]),
          _createElementVNode("section", _hoisted_9, [
            _cache[29] || (_cache[29] = _createElementVNode("h3", null, "成交预测", -1 /* CACHED */)),
            _createElementVNode("div", _hoisted_10, [
              _createElementVNode("p", null, [
                _createElementVNode("b", _hoisted_11, _toDisplayString($data.profile.ai_pr) + "%", 1 /* TEXT */),
                _cache[25] || (_cache[25] = _createTextVNode(" AI 成交率 ", -1 /* CACHED */)),
                _createElementVNode("span", _hoisted_12, "· 你的预计 " + _toDisplayString($data.profile.expedted_pr === '' ? '未填' : $data.profile.expedted_pr + '%'), 1 /* TEXT */)
              ]),
              _cache[26] || (_cache[26] = _createElementVNode("p", { class: "muted small" }, "AI 成交率由系统根据客户的行为算出(看名片、咨询、转发、聊天、跟进,越近的行为分量越重),不参考你填的预计成交率。", -1 /* CACHED */)),
              ($data.profile.ai_pr_reasons.length)
                ? (_openBlock(), _createElementBlock("ul", _hoisted_13, [
                    (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.profile.ai_pr_reasons, (reason) => {
                      return (_openBlock(), _createElementBlock("li", {
                        key: reason.feature
                      }, [
                        _createElementVNode("span", _hoisted_14, [
                          _createTextVNode(_toDisplayString(reason.reason), 1 /* TEXT */),
                          _createElementVNode("span", _hoisted_15, " · 最近 " + _toDisplayString(reason.last_time), 1 /* TEXT */)
                        ]),
                        _createElementVNode("b", {
                          class: _normalizeClass({minus: reason.points < 0}),
                          title: `没有这一项, AI 成交率会${reason.points < 0 ? '高' : '低'} ${Math.abs(reason.points)} 个百分点`
                        }, _toDisplayString(reason.points > 0 ? '+' : '−') + _toDisplayString(Math.abs(reason.points)), 11 /* TEXT, CLASS, PROPS */, _hoisted_16)
                      ]))
                    }), 128 /* KEYED_FRAGMENT */))
                  ]))
                : (_openBlock(), _createElementBlock("p", _hoisted_17, "客户还没有什么行为。他看名片、咨询产品、转发、和你聊天后,这里会说明原因。"))
            ]),
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
              _cache[27] || (_cache[27] = _createElementVNode("button", null, "保存", -1 /* CACHED */))
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
              _cache[28] || (_cache[28] = _createElementVNode("button", null, "保存", -1 /* CACHED */))
            ], 32 /* NEED_HYDRATION */),
            _cache[30] || (_cache[30] = _createElementVNode("h3", null, "结果", -1 /* CACHED */)),
            _createElementVNode("div", _hoisted_18, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.outcomes, ([value, name]) => {
                return (_openBlock(), _createElementBlock("button", {
                  key: value,
                  type: "button",
                  role: "radio",
                  "aria-checked": $data.profile.outcome === value,
                  class: _normalizeClass({on: $data.profile.outcome === value, [value]: true}),
                  "data-outcome": value,
                  onClick: $event => ($options.setOutcome(value))
                }, _toDisplayString(name), 11 /* TEXT, CLASS, PROPS */, _hoisted_19))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            _cache[31] || (_cache[31] = _createElementVNode("p", { class: "muted small" }, "标记成交或流失后,AI 成交率会按本公司客户的真实结果调整。预计成交率填 100% 不算成交。", -1 /* CACHED */))
          ]),
          _createElementVNode("section", _hoisted_20, [
            _cache[34] || (_cache[34] = _createElementVNode("h3", null, "下次跟进", -1 /* CACHED */)),
            ($data.profile.next_time)
              ? (_openBlock(), _createElementBlock("p", _hoisted_21, [
                  _createElementVNode("b", {
                    class: _normalizeClass({due: $options.hasCome($data.profile.next_time)})
                  }, _toDisplayString($options.planned($data.profile.next_time)), 3 /* TEXT, CLASS */),
                  ($options.hasCome($data.profile.next_time))
                    ? (_openBlock(), _createElementBlock("span", _hoisted_22, "已到时间"))
                    : _createCommentVNode("v-if", true)
                ]))
              : (_openBlock(), _createElementBlock("p", _hoisted_23, "还没有约定下次跟进。定一个日期,到时雷达会提醒你。")),
            _createElementVNode("form", {
              class: "inline",
              onSubmit: _cache[10] || (_cache[10] = _withModifiers($event => ($options.saveNext(false)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, {
                label: "日期",
                name: "next_time"
              }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    id: "next-day",
                    "onUpdate:modelValue": _cache[7] || (_cache[7] = $event => (($data.nextDay) = $event)),
                    type: "date",
                    required: ""
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.nextDay]
                  ])
                ]),
                _: 1 /* STABLE */
              }),
              _createElementVNode("label", null, [
                _cache[32] || (_cache[32] = _createTextVNode("时间 (可不填)", -1 /* CACHED */)),
                _withDirectives(_createElementVNode("input", {
                  id: "next-hour",
                  "onUpdate:modelValue": _cache[8] || (_cache[8] = $event => (($data.nextHour) = $event)),
                  type: "time"
                }, null, 512 /* NEED_PATCH */), [
                  [_vModelText, $data.nextHour]
                ])
              ]),
              _cache[33] || (_cache[33] = _createElementVNode("button", null, "保存", -1 /* CACHED */)),
              ($data.profile.next_time)
                ? (_openBlock(), _createElementBlock("button", {
                    key: 0,
                    type: "button",
                    id: "next-clear",
                    onClick: _cache[9] || (_cache[9] = $event => ($options.saveNext(true)))
                  }, "取消提醒"))
                : _createCommentVNode("v-if", true)
            ], 32 /* NEED_HYDRATION */)
          ]),
          _createElementVNode("section", _hoisted_24, [
            _cache[36] || (_cache[36] = _createElementVNode("h3", null, "标签", -1 /* CACHED */)),
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.groups, (group) => {
              return (_openBlock(), _createElementBlock("div", {
                key: group.name,
                class: "tag-group",
                role: group.single_choice ? 'radiogroup' : 'group',
                "aria-label": group.name
              }, [
                _createElementVNode("span", _hoisted_26, [
                  _createTextVNode(_toDisplayString(group.name), 1 /* TEXT */),
                  (group.single_choice)
                    ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                        _createTextVNode(" (单选)")
                      ], 64 /* STABLE_FRAGMENT */))
                    : _createCommentVNode("v-if", true)
                ]),
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(group.tags, (tag) => {
                  return (_openBlock(), _createElementBlock("button", {
                    key: tag.id,
                    class: _normalizeClass(["tag", {on: tag.is_select}]),
                    role: group.single_choice ? 'radio' : null,
                    "aria-checked": group.single_choice ? tag.is_select : null,
                    "aria-pressed": group.single_choice ? null : tag.is_select,
                    onClick: $event => ($options.toggle(group, tag))
                  }, _toDisplayString(tag.name), 11 /* TEXT, CLASS, PROPS */, _hoisted_27))
                }), 128 /* KEYED_FRAGMENT */))
              ], 8 /* PROPS */, _hoisted_25))
            }), 128 /* KEYED_FRAGMENT */)),
            _createElementVNode("form", {
              class: "inline",
              onSubmit: _cache[12] || (_cache[12] = _withModifiers((...args) => ($options.addTag && $options.addTag(...args)), ["prevent"]))
            }, [
              _createVNode(_component_rw_field, { name: "name" }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("input", {
                    "onUpdate:modelValue": _cache[11] || (_cache[11] = $event => (($data.newTag) = $event)),
                    placeholder: "新标签",
                    maxlength: "32",
                    required: "",
                    "aria-label": "新标签",
                    id: "new-tag"
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
              _cache[35] || (_cache[35] = _createElementVNode("button", null, "添加", -1 /* CACHED */))
            ], 32 /* NEED_HYDRATION */)
          ]),
          ($data.counts)
            ? (_openBlock(), _createElementBlock("section", _hoisted_28, [
                _createElementVNode("h3", null, "行为 (" + _toDisplayString($data.counts.totalCount) + ")", 1 /* TEXT */),
                _createElementVNode("p", _hoisted_29, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.counts.detail, (item) => {
                    return (_openBlock(), _createElementBlock("span", {
                      class: "chip",
                      key: item.action
                    }, _toDisplayString(item.name) + " " + _toDisplayString(item.count), 1 /* TEXT */))
                  }), 128 /* KEYED_FRAGMENT */))
                ]),
                ($data.reads.length)
                  ? (_openBlock(), _createElementBlock("h3", _hoisted_30, "阅读的文章"))
                  : _createCommentVNode("v-if", true),
                _createElementVNode("ul", _hoisted_31, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.reads, (read) => {
                    return (_openBlock(), _createElementBlock("li", {
                      key: read.article_id
                    }, "《" + _toDisplayString(read.article_title) + "》 阅读 " + _toDisplayString(read.read_count) + " 次 · 停留 " + _toDisplayString(read.stay_time) + " · 转发 " + _toDisplayString(read.forward_count), 1 /* TEXT */))
                  }), 128 /* KEYED_FRAGMENT */))
                ])
              ]))
            : _createCommentVNode("v-if", true),
          _createElementVNode("section", _hoisted_32, [
            _createElementVNode("h3", _hoisted_33, [
              _cache[37] || (_cache[37] = _createElementVNode("span", { class: "grow" }, "跟进记录", -1 /* CACHED */)),
              _createVNode(_component_rw_export, {
                kind: "follow_info",
                query: {customer_id: $props.customerId}
              }, null, 8 /* PROPS */, ["query"])
            ]),
            _createElementVNode("form", {
              onSubmit: _cache[17] || (_cache[17] = _withModifiers((...args) => ($options.addNote && $options.addNote(...args)), ["prevent"])),
              class: "note-form"
            }, [
              _createVNode(_component_rw_field, { name: "follow_info" }, {
                default: _withCtx(() => [
                  _withDirectives(_createElementVNode("textarea", {
                    id: "follow-text",
                    "onUpdate:modelValue": _cache[13] || (_cache[13] = $event => (($data.note) = $event)),
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
              _createElementVNode("p", _hoisted_34, [
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
                        }, "×", 8 /* PROPS */, _hoisted_36))
                      : _createCommentVNode("v-if", true)
                  ], 8 /* PROPS */, _hoisted_35))
                }), 128 /* KEYED_FRAGMENT */))
              ]),
              _createElementVNode("div", _hoisted_37, [
                _createElementVNode("label", null, [
                  _cache[38] || (_cache[38] = _createTextVNode("下次跟进 (可不填)", -1 /* CACHED */)),
                  _withDirectives(_createElementVNode("input", {
                    id: "follow-next",
                    "onUpdate:modelValue": _cache[14] || (_cache[14] = $event => (($data.noteNext) = $event)),
                    type: "date"
                  }, null, 512 /* NEED_PATCH */), [
                    [_vModelText, $data.noteNext]
                  ])
                ]),
                _cache[39] || (_cache[39] = _createElementVNode("button", {
                  class: "primary",
                  id: "follow-submit"
                }, "记录跟进", -1 /* CACHED */)),
                _createVNode(_component_rw_field, { name: "custom_language" }, {
                  default: _withCtx(() => [
                    _withDirectives(_createElementVNode("input", {
                      "onUpdate:modelValue": _cache[15] || (_cache[15] = $event => (($data.newPhrase) = $event)),
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
                  onClick: _cache[16] || (_cache[16] = (...args) => ($options.addPhrase && $options.addPhrase(...args)))
                }, "添加", 8 /* PROPS */, _hoisted_38)
              ])
            ], 32 /* NEED_HYDRATION */),
            _createElementVNode("ul", _hoisted_39, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.notes.rows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.create_date + row.follow_info
                }, [
                  _createElementVNode("span", _hoisted_40, _toDisplayString($options.time(row.create_date)) + " · " + _toDisplayString(row.user_customer_flowup__user__username), 1 /* TEXT */),
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
              onMore: _cache[18] || (_cache[18] = $event => ($data.notes.more()))
            }, null, 8 /* PROPS */, ["shown", "total", "loading"])
          ])
        ]),
        _createElementVNode("p", _hoisted_41, [
          _createElementVNode("button", {
            class: "danger",
            onClick: _cache[19] || (_cache[19] = (...args) => ($options.remove && $options.remove(...args)))
          }, "删除客户")
        ]),
        ($data.editing)
          ? (_openBlock(), _createBlock(_component_rw_modal, {
              key: 0,
              title: "编辑客户资料",
              onClose: _cache[22] || (_cache[22] = $event => ($data.editing = null))
            }, {
              default: _withCtx(() => [
                _createElementVNode("form", {
                  class: "form",
                  onSubmit: _cache[21] || (_cache[21] = _withModifiers((...args) => ($options.saveInfo && $options.saveInfo(...args)), ["prevent"]))
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
                        }, null, 8 /* PROPS */, _hoisted_42), [
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
                        "onUpdate:modelValue": _cache[20] || (_cache[20] = $event => (($data.editing.sex) = $event))
                      }, [...(_cache[40] || (_cache[40] = [
                        _createElementVNode("option", { value: "" }, "未知", -1 /* CACHED */),
                        _createElementVNode("option", { value: 1 }, "男", -1 /* CACHED */),
                        _createElementVNode("option", { value: 2 }, "女", -1 /* CACHED */)
                      ]))], 512 /* NEED_PATCH */), [
                        [_vModelSelect, $data.editing.sex]
                      ])
                    ]),
                    _: 1 /* STABLE */
                  }),
                  _cache[41] || (_cache[41] = _createElementVNode("button", { class: "primary" }, "保存", -1 /* CACHED */))
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
