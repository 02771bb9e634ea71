/* Compiled from admin.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: e3d910da3a16e42e743de342ba0b775d17e67589ac97bb6c5a413910eed19771 */
/* 管理 (admins): radar users, roles and companies with their WeChat settings, each list a page at a
   time. The settings' secrets are write-only: the screen shows whether each is set, and an empty
   field keeps it. */
import { auth, pagedList, post, Q } from "../api.js";
import { time } from "../format.js";
import { attempt, fail, notify } from "../notices.js";

const SETTINGS = [
  ["corp_id", "企业微信 CorpID"], ["agent_id", "企业微信 AgentId"], ["corp_secret", "企业微信 Secret"],
  ["callback_token", "回调 Token"], ["callback_aes_key", "回调 EncodingAESKey"],
  ["mini_appid", "小程序 AppID"], ["mini_secret", "小程序 Secret"], ["gzh_appid", "公众号 AppID"], ["gzh_secret", "公众号 Secret"],
];

const _sfc_main = {
  data() {
    return {
      tab: "users", username: "", editing: null, kind: "", settings: SETTINGS, currentRole: null,
      users: pagedList(`${Q}/user`, () => ({ username: this.username })),
      roles: pagedList(`${Q}/role`, () => ({}), { length: 50 }),
      companies: pagedList(`${Q}/company`),
    };
  },
  created() {
    this.load();
  },
  watch: { tab() { this.load(); } },
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
    // The tab's list and the roles (the user form chooses among them), as far as they were shown.
    async load() {
      const lists = { users: this.users, roles: this.roles, companies: this.companies };
      await attempt(() => Promise.all([this.roles.refresh(), this.tab === "roles" ? null : lists[this.tab].refresh()]));
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
      });
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
      this.users.load().catch(fail);
    },
    time,
  },
};
import { createElementVNode as _createElementVNode, resolveComponent as _resolveComponent, createVNode as _createVNode, vModelText as _vModelText, withDirectives as _withDirectives, withModifiers as _withModifiers, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, toDisplayString as _toDisplayString, createCommentVNode as _createCommentVNode, normalizeClass as _normalizeClass, createTextVNode as _createTextVNode, vModelSelect as _vModelSelect, withCtx as _withCtx, createBlock as _createBlock } from "vue"

const _hoisted_1 = { class: "view admin" }
const _hoisted_2 = { key: 0 }
const _hoisted_3 = {
  class: "table",
  id: "user-table"
}
const _hoisted_4 = { class: "row-actions" }
const _hoisted_5 = ["onClick"]
const _hoisted_6 = ["onClick"]
const _hoisted_7 = { key: 1 }
const _hoisted_8 = { class: "filters" }
const _hoisted_9 = {
  class: "list",
  id: "role-list"
}
const _hoisted_10 = { class: "grow" }
const _hoisted_11 = { class: "row-actions" }
const _hoisted_12 = ["onClick"]
const _hoisted_13 = ["onClick"]
const _hoisted_14 = { key: 2 }
const _hoisted_15 = {
  key: 0,
  class: "filters"
}
const _hoisted_16 = {
  class: "list",
  id: "company-list"
}
const _hoisted_17 = { class: "grow" }
const _hoisted_18 = { class: "chips small" }
const _hoisted_19 = { class: "row-actions" }
const _hoisted_20 = ["onClick"]
const _hoisted_21 = ["onClick"]
const _hoisted_22 = ["required"]
const _hoisted_23 = ["value"]
const _hoisted_24 = ["disabled"]
const _hoisted_25 = { key: 1 }
const _hoisted_26 = { key: 1 }
const _hoisted_27 = ["required"]
const _hoisted_28 = ["onUpdate:modelValue", "placeholder"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_tabs = _resolveComponent("rw-tabs")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_modal = _resolveComponent("rw-modal")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    _cache[31] || (_cache[31] = _createElementVNode("header", { class: "view-head" }, [
      _createElementVNode("h2", null, "管理")
    ], -1 /* CACHED */)),
    _createVNode(_component_rw_tabs, {
      tabs: [['users', '用户'], ['roles', '角色'], ['companies', '公司']],
      modelValue: $data.tab,
      "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => (($data.tab) = $event))
    }, null, 8 /* PROPS */, ["modelValue"]),
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
            _cache[18] || (_cache[18] = _createElementVNode("button", null, "搜索", -1 /* CACHED */)),
            _cache[19] || (_cache[19] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
            _createElementVNode("button", {
              type: "button",
              class: "primary",
              id: "user-new",
              onClick: _cache[2] || (_cache[2] = (...args) => ($options.newUser && $options.newUser(...args)))
            }, "添加用户")
          ], 32 /* NEED_HYDRATION */),
          _createElementVNode("table", _hoisted_3, [
            _cache[20] || (_cache[20] = _createElementVNode("thead", null, [
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
          _createVNode(_component_rw_more, {
            shown: $data.users.rows.length,
            total: $data.users.total,
            loading: $data.users.loading,
            onMore: _cache[4] || (_cache[4] = $event => ($data.users.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ]))
      : _createCommentVNode("v-if", true),
    ($data.tab === 'roles')
      ? (_openBlock(), _createElementBlock("div", _hoisted_7, [
          _createElementVNode("p", _hoisted_8, [
            _cache[21] || (_cache[21] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
            _createElementVNode("button", {
              class: "primary",
              onClick: _cache[5] || (_cache[5] = $event => ($options.open('role', {id: null, name: ''})))
            }, "添加角色")
          ]),
          _createElementVNode("ul", _hoisted_9, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.roles.rows, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.id
              }, [
                _createElementVNode("span", _hoisted_10, _toDisplayString(row.name), 1 /* TEXT */),
                _createElementVNode("span", _hoisted_11, [
                  _createElementVNode("button", {
                    onClick: $event => ($options.open('role', {id: row.id, name: row.name}))
                  }, "改名", 8 /* PROPS */, _hoisted_12),
                  _createElementVNode("button", {
                    class: "danger",
                    onClick: $event => ($options.remove('role', row))
                  }, "删除", 8 /* PROPS */, _hoisted_13)
                ])
              ]))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          _createVNode(_component_rw_more, {
            shown: $data.roles.rows.length,
            total: $data.roles.total,
            loading: $data.roles.loading,
            onMore: _cache[6] || (_cache[6] = $event => ($data.roles.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ]))
      : _createCommentVNode("v-if", true),
    ($data.tab === 'companies')
      ? (_openBlock(), _createElementBlock("div", _hoisted_14, [
          ($options.isSuper)
            ? (_openBlock(), _createElementBlock("p", _hoisted_15, [
                _cache[22] || (_cache[22] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
                _createElementVNode("button", {
                  class: "primary",
                  onClick: _cache[7] || (_cache[7] = $event => ($options.open('company', {id: null, name: ''})))
                }, "添加公司")
              ]))
            : _createCommentVNode("v-if", true),
          _createElementVNode("ul", _hoisted_16, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.companies.rows, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.id
              }, [
                _createElementVNode("div", _hoisted_17, [
                  _createElementVNode("b", null, _toDisplayString(row.name), 1 /* TEXT */),
                  _createElementVNode("p", _hoisted_18, [
                    (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.settings, ([field, label]) => {
                      return (_openBlock(), _createElementBlock("span", {
                        key: field,
                        class: _normalizeClass(["chip", {on: row.configured[field]}])
                      }, _toDisplayString(label) + " " + _toDisplayString(row.configured[field] ? '已设置' : '未设置'), 3 /* TEXT, CLASS */))
                    }), 128 /* KEYED_FRAGMENT */))
                  ])
                ]),
                _createElementVNode("span", _hoisted_19, [
                  _createElementVNode("button", {
                    onClick: $event => ($options.editCompany(row))
                  }, "设置", 8 /* PROPS */, _hoisted_20),
                  ($options.isSuper)
                    ? (_openBlock(), _createElementBlock("button", {
                        key: 0,
                        class: "danger",
                        onClick: $event => ($options.remove('company', row))
                      }, "删除", 8 /* PROPS */, _hoisted_21))
                    : _createCommentVNode("v-if", true)
                ])
              ]))
            }), 128 /* KEYED_FRAGMENT */))
          ]),
          _createVNode(_component_rw_more, {
            shown: $data.companies.rows.length,
            total: $data.companies.total,
            loading: $data.companies.loading,
            onMore: _cache[8] || (_cache[8] = $event => ($data.companies.more()))
          }, null, 8 /* PROPS */, ["shown", "total", "loading"])
        ]))
      : _createCommentVNode("v-if", true),
    ($data.editing)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 3,
          title: {user: '用户', role: '角色', company: '公司'}[$data.kind] + ($data.editing.id ? ' · 编辑' : ' · 添加'),
          onClose: _cache[17] || (_cache[17] = $event => ($data.editing = null))
        }, {
          default: _withCtx(() => [
            _createElementVNode("form", {
              class: "form",
              onSubmit: _cache[16] || (_cache[16] = _withModifiers((...args) => ($options.save && $options.save(...args)), ["prevent"]))
            }, [
              ($data.kind === 'user')
                ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                    _createElementVNode("label", null, [
                      _cache[23] || (_cache[23] = _createTextVNode("账号", -1 /* CACHED */)),
                      _withDirectives(_createElementVNode("input", {
                        "onUpdate:modelValue": _cache[9] || (_cache[9] = $event => (($data.editing.username) = $event)),
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
                    _createElementVNode("label", null, [
                      _createTextVNode(_toDisplayString($data.editing.id ? '新密码 (留空不改)' : '密码'), 1 /* TEXT */),
                      _withDirectives(_createElementVNode("input", {
                        "onUpdate:modelValue": _cache[10] || (_cache[10] = $event => (($data.editing.password) = $event)),
                        type: "password",
                        autocomplete: "new-password",
                        required: !$data.editing.id,
                        id: "user-password"
                      }, null, 8 /* PROPS */, _hoisted_22), [
                        [_vModelText, $data.editing.password]
                      ])
                    ]),
                    _createElementVNode("label", null, [
                      _cache[24] || (_cache[24] = _createTextVNode("角色", -1 /* CACHED */)),
                      _withDirectives(_createElementVNode("select", {
                        "onUpdate:modelValue": _cache[11] || (_cache[11] = $event => (($data.editing.role_id) = $event)),
                        id: "user-role"
                      }, [
                        (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.roleChoices, (role) => {
                          return (_openBlock(), _createElementBlock("option", {
                            key: role.id,
                            value: role.id
                          }, _toDisplayString(role.name), 9 /* TEXT, PROPS */, _hoisted_23))
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
                    ($data.roles.rows.length < $data.roles.total)
                      ? (_openBlock(), _createElementBlock("button", {
                          key: 0,
                          type: "button",
                          class: "link",
                          disabled: $data.roles.loading,
                          onClick: _cache[12] || (_cache[12] = $event => ($data.roles.more()))
                        }, "更多角色", 8 /* PROPS */, _hoisted_24))
                      : _createCommentVNode("v-if", true),
                    ($data.editing.id)
                      ? (_openBlock(), _createElementBlock("label", _hoisted_25, [
                          _cache[26] || (_cache[26] = _createTextVNode("状态", -1 /* CACHED */)),
                          _withDirectives(_createElementVNode("select", {
                            "onUpdate:modelValue": _cache[13] || (_cache[13] = $event => (($data.editing.status) = $event))
                          }, [...(_cache[25] || (_cache[25] = [
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
                        ]))
                      : _createCommentVNode("v-if", true)
                  ], 64 /* STABLE_FRAGMENT */))
                : _createCommentVNode("v-if", true),
              ($data.kind === 'role')
                ? (_openBlock(), _createElementBlock("label", _hoisted_26, [
                    _cache[27] || (_cache[27] = _createTextVNode("名称", -1 /* CACHED */)),
                    _withDirectives(_createElementVNode("input", {
                      "onUpdate:modelValue": _cache[14] || (_cache[14] = $event => (($data.editing.name) = $event)),
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
                  ]))
                : _createCommentVNode("v-if", true),
              ($data.kind === 'company')
                ? (_openBlock(), _createElementBlock(_Fragment, { key: 2 }, [
                    _createElementVNode("label", null, [
                      _cache[28] || (_cache[28] = _createTextVNode("名称", -1 /* CACHED */)),
                      _withDirectives(_createElementVNode("input", {
                        "onUpdate:modelValue": _cache[15] || (_cache[15] = $event => (($data.editing.name) = $event)),
                        required: !$data.editing.id,
                        maxlength: "64"
                      }, null, 8 /* PROPS */, _hoisted_27), [
                        [
                          _vModelText,
                          $data.editing.name,
                          void 0,
                          { trim: true }
                        ]
                      ])
                    ]),
                    ($data.editing.id)
                      ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                          _cache[29] || (_cache[29] = _createElementVNode("p", { class: "muted small" }, "留空的项保持不变;密钥只能写入,不会显示。", -1 /* CACHED */)),
                          (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.settings, ([field, label]) => {
                            return (_openBlock(), _createElementBlock("label", { key: field }, [
                              _createTextVNode(_toDisplayString(label) + " ", 1 /* TEXT */),
                              _withDirectives(_createElementVNode("input", {
                                "onUpdate:modelValue": $event => (($data.editing[field]) = $event),
                                placeholder: $data.editing.configured[field] ? '已设置' : '未设置',
                                autocomplete: "off"
                              }, null, 8 /* PROPS */, _hoisted_28), [
                                [
                                  _vModelText,
                                  $data.editing[field],
                                  void 0,
                                  { trim: true }
                                ]
                              ])
                            ]))
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
