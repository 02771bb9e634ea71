/* Compiled from admin.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: c5018d6c562946b0d6a77b2e658b0af507ee19741f688a6ce972b0476400f54b */
/* 管理 (admins): radar users, roles, companies with their WeChat settings (and what to paste into the
   consoles, and a check of every credential), and the tag catalogue's single-choice groups; each list a
   page at a time; #/admin/<tab> opens a tab (other screens link to 公司 and 用户). The settings' secrets
   are write-only: the screen shows whether each is set, and an empty field keeps it. */
import { auth, get, pagedList, post, Q } from "../api.js";
import { problems } from "../fields.js";
import { time } from "../format.js";
import { attempt, fail, notify } from "../notices.js";
import CompanyWechat from "./company-wechat.js";

const SETTINGS = [
  ["corp_id", "企业微信 CorpID"], ["agent_id", "企业微信 AgentId"], ["corp_secret", "企业微信 Secret"],
  ["callback_token", "回调 Token"], ["callback_aes_key", "回调 EncodingAESKey"],
  ["mini_appid", "小程序 AppID"], ["mini_secret", "小程序 Secret"], ["gzh_appid", "公众号 AppID"], ["gzh_secret", "公众号 Secret"],
];

const TABS = [["users", "用户"], ["roles", "角色"], ["companies", "公司"], ["tags", "标签"]];

const _sfc_main = {
  components: { "rw-company-wechat": CompanyWechat },
  props: ["param"],
  data() {
    return {
      tab: this.tabOf(this.param), tabs: TABS, username: "", searched: "", editing: null, kind: "", settings: SETTINGS,
      currentRole: null, problems: problems(), wechat: null, groups: null,
      users: pagedList(`${Q}/user`, () => ({ username: this.searched })),
      roles: pagedList(`${Q}/role`, () => ({}), { length: 50 }),
      companies: pagedList(`${Q}/company`),
    };
  },
  provide() {
    return { problems: this.problems };
  },
  created() {
    this.load();
  },
  watch: {
    tab() { this.load(); },
    param(value) { this.tab = this.tabOf(value); },
  },
  computed: {
    session() { return auth.session; },
    isSuper() { return Boolean(this.session.is_super_admin); },
    // The user form's choices: the roles loaded so far, and the user's own role wherever it is.
    roleChoices() {
      const known = this.roles.rows.map((role) => ({ id: role.id, name: role.name }));
      const own = this.currentRole;
      return own && !known.some((role) => role.id === own.id) ? [own, ...known] : known;
    },
  },
  methods: {
    tabOf(name) {
      return TABS.some(([tab]) => tab === name) ? name : "users";
    },
    // The tab's list (or the tag catalogue) and the roles (the user form chooses among them), as far as they were shown.
    async load() {
      const lists = { users: this.users, companies: this.companies };
      await attempt(() => Promise.all([this.roles.refresh(), lists[this.tab] ? lists[this.tab].refresh() : null,
                                       this.tab === "tags" ? this.loadTags() : null]));
    },
    async loadTags() {
      this.groups = (await get(`${Q}/tag_list`)).ret_data;
    },
    // Refused while a customer carries two of the group's tags: the box goes back, the reason in words.
    singleChoice(group, event) {
      const wanted = event.target.checked;
      attempt(async () => {
        try {
          await post(`${Q}/tag_list/single_choice/${group.id}`, { single_choice: wanted });
          group.single_choice = wanted;
        } finally {
          event.target.checked = group.single_choice;
        }
      }, wanted ? `「${group.name}」已设为单选` : `「${group.name}」已改为可多选`);
    },
    open(kind, values) {
      this.kind = kind;
      this.editing = values;
    },
    newUser() {
      this.currentRole = null;
      this.open("user", { id: null, username: "", password: "", role_id: 2, company_id: this.session.company_id, status: 1 });
    },
    editUser(row) {
      this.currentRole = { id: row.role_id, name: row.role_name };
      this.open("user", { id: row.id, username: row.username, password: "", role_id: row.role_id, company_id: row.company_id,
                          status: row.status_code });
    },
    editCompany(row) {
      this.open("company", { id: row.id, name: row.name, configured: row.configured,
                             ...Object.fromEntries(SETTINGS.map(([field]) => [field, ""])) });
    },
    async save() {
      const form = { ...this.editing };
      const id = form.id;
      delete form.id;
      delete form.configured;
      for (const key of Object.keys(form)) if (form[key] === "" || form[key] === null) delete form[key];
      await attempt(async () => {
        await post(`${Q}/${this.kind}/${id ? `update/${id}` : "add/0"}`, form);
        this.editing = null;
        notify("已保存", "ok");
        await this.load();
      }, undefined, this.problems);
    },
    async remove(kind, row) {
      if (!confirm(`删除「${row.username || row.name}」?`)) return;
      await attempt(async () => {
        await post(`${Q}/${kind}/delete/${row.id}`);
        notify("已删除", "ok");
        await this.load();
      });
    },
    search() {
      this.searched = this.username;
      this.users.load().catch(fail);
    },
    clearSearch() {
      this.username = "";
      this.search();
    },
    time,
  },
};
import { createElementVNode as _createElementVNode, resolveComponent as _resolveComponent, createVNode as _createVNode, vModelText as _vModelText, withDirectives as _withDirectives, withModifiers as _withModifiers, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, toDisplayString as _toDisplayString, createCommentVNode as _createCommentVNode, withCtx as _withCtx, createBlock as _createBlock, normalizeClass as _normalizeClass, createTextVNode as _createTextVNode, vModelSelect as _vModelSelect } from "vue"

const _hoisted_1 = { class: "view admin" }
const _hoisted_2 = { key: 0 }
const _hoisted_3 = {
  class: "table",
  id: "user-table"
}
const _hoisted_4 = { class: "row-actions" }
const _hoisted_5 = ["onClick"]
const _hoisted_6 = ["onClick"]
const _hoisted_7 = {
  key: 1,
  class: "muted small",
  id: "users-alone"
}
const _hoisted_8 = { key: 1 }
const _hoisted_9 = { class: "filters" }
const _hoisted_10 = {
  class: "list",
  id: "role-list"
}
const _hoisted_11 = { class: "grow" }
const _hoisted_12 = { class: "row-actions" }
const _hoisted_13 = ["onClick"]
const _hoisted_14 = ["onClick"]
const _hoisted_15 = { key: 2 }
const _hoisted_16 = {
  key: 0,
  class: "filters"
}
const _hoisted_17 = {
  class: "list",
  id: "company-list"
}
const _hoisted_18 = { class: "grow" }
const _hoisted_19 = { class: "chips small" }
const _hoisted_20 = { class: "row-actions" }
const _hoisted_21 = ["onClick"]
const _hoisted_22 = ["onClick"]
const _hoisted_23 = ["onClick"]
const _hoisted_24 = { key: 3 }
const _hoisted_25 = {
  key: 0,
  class: "list",
  id: "tag-groups"
}
const _hoisted_26 = ["data-group"]
const _hoisted_27 = { class: "grow" }
const _hoisted_28 = { class: "chips small" }
const _hoisted_29 = {
  key: 0,
  class: "muted"
}
const _hoisted_30 = { class: "check" }
const _hoisted_31 = ["checked", "onChange"]
const _hoisted_32 = ["required"]
const _hoisted_33 = ["value"]
const _hoisted_34 = ["disabled"]
const _hoisted_35 = ["required"]
const _hoisted_36 = ["onUpdate:modelValue", "placeholder", "id"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_tabs = _resolveComponent("rw-tabs")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_company_wechat = _resolveComponent("rw-company-wechat")
  const _component_rw_modal = _resolveComponent("rw-modal")
  const _component_rw_field = _resolveComponent("rw-field")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    _cache[31] || (_cache[31] = _createElementVNode("header", { class: "view-head" }, [
      _createElementVNode("h2", null, "管理")
    ], -1 /* CACHED */)),
    _createVNode(_component_rw_tabs, {
      tabs: $data.tabs,
      modelValue: $data.tab,
      "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => (($data.tab) = $event))
    }, null, 8 /* PROPS */, ["tabs", "modelValue"]),
    ($data.tab === 'users')
      ? (_openBlock(), _createElementBlock("div", _hoisted_2, [
          _createElementVNode("form", {
            class: "filters",
            onSubmit: _cache[3] || (_cache[3] = _withModifiers((...args) => ($options.search && $options.search(...args)), ["prevent"]))
          }, [
            _withDirectives(_createElementVNode("input", {
              "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => (($data.username) = $event)),
              placeholder: "按账号搜索",
              "aria-label": "账号"
            }, null, 512 /* NEED_PATCH */), [
              [
                _vModelText,
                $data.username,
                void 0,
                { trim: true }
              ]
            ]),
            _cache[20] || (_cache[20] = _createElementVNode("button", null, "搜索", -1 /* CACHED */)),
            _cache[21] || (_cache[21] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
            _createElementVNode("button", {
              type: "button",
              class: "primary",
              id: "user-new",
              onClick: _cache[2] || (_cache[2] = (...args) => ($options.newUser && $options.newUser(...args)))
            }, "添加用户")
          ], 32 /* NEED_HYDRATION */),
          _createElementVNode("table", _hoisted_3, [
            _cache[22] || (_cache[22] = _createElementVNode("thead", null, [
              _createElementVNode("tr", null, [
                _createElementVNode("th", null, "账号"),
                _createElementVNode("th", null, "角色"),
                _createElementVNode("th", null, "公司"),
                _createElementVNode("th", null, "状态"),
                _createElementVNode("th", null, "最近登录"),
                _createElementVNode("th")
              ])
            ], -1 /* CACHED */)),
            _createElementVNode("tbody", null, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.users.rows, (row) => {
                return (_openBlock(), _createElementBlock("tr", {
                  key: row.id
                }, [
                  _createElementVNode("td", null, _toDisplayString(row.username), 1 /* TEXT */),
                  _createElementVNode("td", null, _toDisplayString(row.role_name), 1 /* TEXT */),
                  _createElementVNode("td", null, _toDisplayString(row.company_name), 1 /* TEXT */),
                  _createElementVNode("td", null, _toDisplayString(row.status), 1 /* TEXT */),
                  _createElementVNode("td", null, _toDisplayString($options.time(row.last_login_date) || '—'), 1 /* TEXT */),
                  _createElementVNode("td", _hoisted_4, [
                    _createElementVNode("button", {
                      onClick: $event => ($options.editUser(row))
                    }, "编辑", 8 /* PROPS */, _hoisted_5),
                    (row.id !== $options.session.user_id)
                      ? (_openBlock(), _createElementBlock("button", {
                          key: 0,
                          class: "danger",
                          onClick: $event => ($options.remove('user', row))
                        }, "删除", 8 /* PROPS */, _hoisted_6))
                      : _createCommentVNode("v-if", true)
                  ])
                ]))
              }), 128 /* KEYED_FRAGMENT */))
            ])
          ]),
          (!$data.users.loading && !$data.users.rows.length && $data.searched)
            ? (_openBlock(), _createBlock(_component_rw_empty, {
                key: 0,
                text: `没有账号含「${$data.searched}」的用户`
              }, {
                default: _withCtx(() => [
                  _createElementVNode("button", {
                    onClick: _cache[4] || (_cache[4] = (...args) => ($options.clearSearch && $options.clearSearch(...args)))
                  }, "显示全部用户")
                ]),
                _: 1 /* STABLE */
              }, 8 /* PROPS */, ["text"]))
            : (!$data.users.loading && $data.users.total === 1 && !$data.searched)
              ? (_openBlock(), _createElementBlock("p", _hoisted_7, "公司里还只有你一个账号。点「添加用户」为每位销售开一个账号(角色选 普通用户),他们分享名片带来的客户会出现在 Boss 雷达上。"))
              : _createCommentVNode("v-if", true),
          _createVNode(_component_rw_more, {
            shown: $data.users.rows.length,
            total: $data.users.total,
            loading: $data.users.loading,
            onMore: _cache[5] || (_cache[5] = $event => ($data.users.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ]))
      : _createCommentVNode("v-if", true),
    ($data.tab === 'roles')
      ? (_openBlock(), _createElementBlock("div", _hoisted_8, [
          _createElementVNode("p", _hoisted_9, [
            _cache[23] || (_cache[23] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
            _createElementVNode("button", {
              class: "primary",
              onClick: _cache[6] || (_cache[6] = $event => ($options.open('role', {id: null, name: ''})))
            }, "添加角色")
          ]),
          _createElementVNode("ul", _hoisted_10, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.roles.rows, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.id
              }, [
                _createElementVNode("span", _hoisted_11, _toDisplayString(row.name), 1 /* TEXT */),
                _createElementVNode("span", _hoisted_12, [
                  _createElementVNode("button", {
                    onClick: $event => ($options.open('role', {id: row.id, name: row.name}))
                  }, "改名", 8 /* PROPS */, _hoisted_13),
                  _createElementVNode("button", {
                    class: "danger",
                    onClick: $event => ($options.remove('role', row))
                  }, "删除", 8 /* PROPS */, _hoisted_14)
                ])
              ]))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          _createVNode(_component_rw_more, {
            shown: $data.roles.rows.length,
            total: $data.roles.total,
            loading: $data.roles.loading,
            onMore: _cache[7] || (_cache[7] = $event => ($data.roles.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ]))
      : _createCommentVNode("v-if", true),
    ($data.tab === 'companies')
      ? (_openBlock(), _createElementBlock("div", _hoisted_15, [
          ($options.isSuper)
            ? (_openBlock(), _createElementBlock("p", _hoisted_16, [
                _cache[24] || (_cache[24] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
                _createElementVNode("button", {
                  class: "primary",
                  onClick: _cache[8] || (_cache[8] = $event => ($options.open('company', {id: null, name: ''})))
                }, "添加公司")
              ]))
            : _createCommentVNode("v-if", true),
          _createElementVNode("ul", _hoisted_17, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.companies.rows, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.id
              }, [
                _createElementVNode("div", _hoisted_18, [
                  _createElementVNode("b", null, _toDisplayString(row.name), 1 /* TEXT */),
                  _createElementVNode("p", _hoisted_19, [
                    (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.settings, ([field, label]) => {
                      return (_openBlock(), _createElementBlock("span", {
                        key: field,
                        class: _normalizeClass(["chip", {on: row.configured[field]}])
                      }, _toDisplayString(label) + " " + _toDisplayString(row.configured[field] ? '已设置' : '未设置'), 3 /* TEXT, CLASS */))
                    }), 128 /* KEYED_FRAGMENT */))
                  ])
                ]),
                _createElementVNode("span", _hoisted_20, [
                  _createElementVNode("button", {
                    onClick: $event => ($options.editCompany(row))
                  }, "设置", 8 /* PROPS */, _hoisted_21),
                  _createElementVNode("button", {
                    onClick: $event => ($data.wechat = row),
                    class: "wechat-help"
                  }, "接入微信", 8 /* PROPS */, _hoisted_22),
                  ($options.isSuper)
                    ? (_openBlock(), _createElementBlock("button", {
                        key: 0,
                        class: "danger",
                        onClick: $event => ($options.remove('company', row))
                      }, "删除", 8 /* PROPS */, _hoisted_23))
                    : _createCommentVNode("v-if", true)
                ])
              ]))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          _createVNode(_component_rw_more, {
            shown: $data.companies.rows.length,
            total: $data.companies.total,
            loading: $data.companies.loading,
            onMore: _cache[9] || (_cache[9] = $event => ($data.companies.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"]),
          _cache[25] || (_cache[25] = _createElementVNode("p", { class: "muted small" }, "「设置」填写公司的企业微信、小程序和公众号凭据;「接入微信」列出要填到微信后台的地址,并检测凭据能否使用。", -1 /* CACHED */))
        ]))
      : _createCommentVNode("v-if", true),
    ($data.tab === 'tags')
      ? (_openBlock(), _createElementBlock("div", _hoisted_24, [
          _cache[27] || (_cache[27] = _createElementVNode("p", { class: "muted small" }, "销售给客户打标签时,设为单选的标签组每位客户只能选一个(例如「级别」:一般客户、重要客户)。", -1 /* CACHED */)),
          ($data.groups)
            ? (_openBlock(), _createElementBlock("ul", _hoisted_25, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.groups, (group) => {
                  return (_openBlock(), _createElementBlock("li", {
                    key: group.id,
                    "data-group": group.id
                  }, [
                    _createElementVNode("div", _hoisted_27, [
                      _createElementVNode("b", null, _toDisplayString(group.name), 1 /* TEXT */),
                      _createElementVNode("p", _hoisted_28, [
                        (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(group.tags, (tag) => {
                          return (_openBlock(), _createElementBlock("span", {
                            key: tag.id,
                            class: "chip"
                          }, _toDisplayString(tag.name), 1 /* TEXT */))
                        }), 128 /* KEYED_FRAGMENT */)),
                        (!group.tags.length)
                          ? (_openBlock(), _createElementBlock("span", _hoisted_29, "还没有标签:销售在客户资料里添加的新标签会放在「自定义」组"))
                          : _createCommentVNode("v-if", true)
                      ])
                    ]),
                    _createElementVNode("label", _hoisted_30, [
                      _createElementVNode("input", {
                        type: "checkbox",
                        checked: group.single_choice,
                        onChange: $event => ($options.singleChoice(group, $event))
                      }, null, 40 /* PROPS, NEED_HYDRATION */, _hoisted_31),
                      _cache[26] || (_cache[26] = _createTextVNode(" 单选", -1 /* CACHED */))
                    ])
                  ], 8 /* PROPS */, _hoisted_26))
                }), 128 /* KEYED_FRAGMENT */))
              ]))
            : _createCommentVNode("v-if", true)
        ]))
      : _createCommentVNode("v-if", true),
    ($data.wechat)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 4,
          title: `接入微信 · ${$data.wechat.name}`,
          onClose: _cache[10] || (_cache[10] = $event => ($data.wechat = null))
        }, {
          default: _withCtx(() => [
            _createVNode(_component_rw_company_wechat, { company: $data.wechat }, null, 8 /* PROPS */, ["company"])
          ]),
          _: 1 /* STABLE */
        }, 8 /* PROPS */, ["title"]))
      : _createCommentVNode("v-if", true),
    ($data.editing)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 5,
          title: {user: '用户', role: '角色', company: '公司'}[$data.kind] + ($data.editing.id ? ' · 编辑' : ' · 添加'),
          onClose: _cache[19] || (_cache[19] = $event => ($data.editing = null))
        }, {
          default: _withCtx(() => [
            _createElementVNode("form", {
              class: "form",
              onSubmit: _cache[18] || (_cache[18] = _withModifiers((...args) => ($options.save && $options.save(...args)), ["prevent"]))
            }, [
              ($data.kind === 'user')
                ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                    _createVNode(_component_rw_field, {
                      label: "账号",
                      name: "username"
                    }, {
                      default: _withCtx(() => [
                        _withDirectives(_createElementVNode("input", {
                          "onUpdate:modelValue": _cache[11] || (_cache[11] = $event => (($data.editing.username) = $event)),
                          required: "",
                          maxlength: "32",
                          id: "user-username"
                        }, null, 512 /* NEED_PATCH */), [
                          [
                            _vModelText,
                            $data.editing.username,
                            void 0,
                            { trim: true }
                          ]
                        ])
                      ]),
                      _: 1 /* STABLE */
                    }),
                    _createVNode(_component_rw_field, {
                      label: $data.editing.id ? '新密码 (留空不改)' : '密码',
                      name: "password"
                    }, {
                      default: _withCtx(() => [
                        _withDirectives(_createElementVNode("input", {
                          "onUpdate:modelValue": _cache[12] || (_cache[12] = $event => (($data.editing.password) = $event)),
                          type: "password",
                          autocomplete: "new-password",
                          required: !$data.editing.id,
                          id: "user-password"
                        }, null, 8 /* PROPS */, _hoisted_32), [
                          [_vModelText, $data.editing.password]
                        ])
                      ]),
                      _: 1 /* STABLE */
                    }, 8 /* PROPS */, ["label"]),
                    _createVNode(_component_rw_field, {
                      label: "角色",
                      name: "role_id"
                    }, {
                      default: _withCtx(() => [
                        _withDirectives(_createElementVNode("select", {
                          "onUpdate:modelValue": _cache[13] || (_cache[13] = $event => (($data.editing.role_id) = $event)),
                          id: "user-role"
                        }, [
                          (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.roleChoices, (role) => {
                            return (_openBlock(), _createElementBlock("option", {
                              key: role.id,
                              value: role.id
                            }, _toDisplayString(role.name), 9 /* TEXT, PROPS */, _hoisted_33))
                          }), 128 /* KEYED_FRAGMENT */))
                        ], 512 /* NEED_PATCH */), [
                          [
                            _vModelSelect,
                            $data.editing.role_id,
                            void 0,
                            { number: true }
                          ]
                        ])
                      ]),
                      _: 1 /* STABLE */
                    }),
                    ($data.roles.rows.length < $data.roles.total)
                      ? (_openBlock(), _createElementBlock("button", {
                          key: 0,
                          type: "button",
                          class: "link",
                          disabled: $data.roles.loading,
                          onClick: _cache[14] || (_cache[14] = $event => ($data.roles.more()))
                        }, "更多角色", 8 /* PROPS */, _hoisted_34))
                      : _createCommentVNode("v-if", true),
                    ($data.editing.id)
                      ? (_openBlock(), _createBlock(_component_rw_field, {
                          key: 1,
                          label: "状态",
                          name: "status"
                        }, {
                          default: _withCtx(() => [
                            _withDirectives(_createElementVNode("select", {
                              "onUpdate:modelValue": _cache[15] || (_cache[15] = $event => (($data.editing.status) = $event))
                            }, [...(_cache[28] || (_cache[28] = [
                              _createElementVNode("option", { value: 1 }, "启用", -1 /* CACHED */),
                              _createElementVNode("option", { value: 2 }, "停用", -1 /* CACHED */)
                            ]))], 512 /* NEED_PATCH */), [
                              [
                                _vModelSelect,
                                $data.editing.status,
                                void 0,
                                { number: true }
                              ]
                            ])
                          ]),
                          _: 1 /* STABLE */
                        }))
                      : _createCommentVNode("v-if", true)
                  ], 64 /* STABLE_FRAGMENT */))
                : _createCommentVNode("v-if", true),
              ($data.kind === 'role')
                ? (_openBlock(), _createBlock(_component_rw_field, {
                    key: 1,
                    label: "名称",
                    name: "name"
                  }, {
                    default: _withCtx(() => [
                      _withDirectives(_createElementVNode("input", {
                        "onUpdate:modelValue": _cache[16] || (_cache[16] = $event => (($data.editing.name) = $event)),
                        required: "",
                        maxlength: "32"
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
                  }))
                : _createCommentVNode("v-if", true),
              ($data.kind === 'company')
                ? (_openBlock(), _createElementBlock(_Fragment, { key: 2 }, [
                    _createVNode(_component_rw_field, {
                      label: "名称",
                      name: "name"
                    }, {
                      default: _withCtx(() => [
                        _withDirectives(_createElementVNode("input", {
                          "onUpdate:modelValue": _cache[17] || (_cache[17] = $event => (($data.editing.name) = $event)),
                          required: !$data.editing.id,
                          maxlength: "64"
                        }, null, 8 /* PROPS */, _hoisted_35), [
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
                    ($data.editing.id)
                      ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                          _cache[29] || (_cache[29] = _createElementVNode("p", { class: "muted small" }, "留空的项保持不变;密钥只能写入,不会显示。", -1 /* CACHED */)),
                          (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.settings, ([field, label]) => {
                            return (_openBlock(), _createBlock(_component_rw_field, {
                              key: field,
                              label: label,
                              name: field
                            }, {
                              default: _withCtx(() => [
                                _withDirectives(_createElementVNode("input", {
                                  "onUpdate:modelValue": $event => (($data.editing[field]) = $event),
                                  placeholder: $data.editing.configured[field] ? '已设置' : '未设置',
                                  autocomplete: "off",
                                  id: 'company-' + field
                                }, null, 8 /* PROPS */, _hoisted_36), [
                                  [
                                    _vModelText,
                                    $data.editing[field],
                                    void 0,
                                    { trim: true }
                                  ]
                                ])
                              ]),
                              _: 2 /* DYNAMIC */
                            }, 1032 /* PROPS, DYNAMIC_SLOTS */, ["label", "name"]))
                          }), 128 /* KEYED_FRAGMENT */))
                        ], 64 /* STABLE_FRAGMENT */))
                      : _createCommentVNode("v-if", true)
                  ], 64 /* STABLE_FRAGMENT */))
                : _createCommentVNode("v-if", true),
              _cache[30] || (_cache[30] = _createElementVNode("button", {
                class: "primary",
                id: "admin-save"
              }, "保存", -1 /* CACHED */))
            ], 32 /* NEED_HYDRATION */)
          ]),
          _: 1 /* STABLE */
        }, 8 /* PROPS */, ["title"]))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
