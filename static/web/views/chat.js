/* Compiled from chat.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 4b1816ca30f63acb66abcb51b9b09b16fe4f7a817aa234673e6178f9b84b7407 */
/* 聊天: contacts with unread counts and the conversation, by day, links clickable. Messages arrive on
   the socket; after a drop the socket comes back and the open conversation fetches its newest page
   again, merged by message id, so nothing is lost and nothing is shown twice. Enter sends and
   Shift+Enter breaks the line; on a phone (touch) Enter breaks the line and the button sends. Contacts
   are searched by name, memo name or phone; a conversation is exported as a file. */
import { get, post, Q } from "../api.js";
import { problems } from "../fields.js";
import { byDay, hourMinute, linkParts, media } from "../format.js";
import { live, on, sendLive } from "../live.js";
import { attempt, fail } from "../notices.js";
import { go } from "../router.js";
import Export from "../widgets/export.js";

const PAGE = 20;
const TYPING_MS = 300; // a search waits for the typing to pause

function mergeById(rows, more) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const row of more) byId.set(row.id, { ...byId.get(row.id), ...row });
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

const _sfc_main = {
  components: { "rw-export": Export },
  props: ["param"],
  data: () => ({ contacts: [], messages: [], total: 0, pages: 0, text: "", sending: false, loading: false, live, search: "", searched: "",
                 loaded: false, problems: problems(), touch: matchMedia("(pointer: coarse)").matches }),
  provide() {
    return { problems: this.problems };
  },
  computed: {
    customerId() {
      return Number(this.param) || null;
    },
    current() {
      return this.contacts.find((row) => row.customer_id === this.customerId) || null;
    },
    days() {
      return byDay(this.messages, (row) => row.dateTime);
    },
  },
  created() {
    this.off = [
      on("chat", (data) => this.arrived(data.ret_data)),
      on("read", (data) => this.readByCustomer(data.customer_id)),
      on("open", () => this.catchUp()),
    ];
    this.loadContacts();
    if (this.customerId) this.openConversation();
  },
  unmounted() {
    this.off.forEach((off) => off());
    clearTimeout(this.checkTimer);
    clearTimeout(this.typing);
    live.reading = null;
  },
  watch: {
    search(text) {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => {
        this.searched = text.trim();
        this.loadContacts();
      }, TYPING_MS);
    },
    customerId: {
      handler(id, before) {
        live.reading = id; // the shell counts no unread message of the conversation on screen
        if (before === undefined) return; // the first conversation is opened by created()
        this.messages = [];
        if (id) this.openConversation();
      },
      immediate: true,
    },
  },
  methods: {
    async loadContacts() {
      await attempt(async () => {
        const data = await get(`${Q}/contact`, { length: 100, search: this.searched });
        this.contacts = data.ret_data;
        live.unread = data.unread_msg_num;
      });
      this.loaded = true;
    },
    async fetchPage(page) {
      return get(`${Q}/chat`, { customer_id: this.customerId, current_page: page, length: PAGE });
    },
    async openConversation() {
      const customerId = this.customerId;
      this.loading = true;
      try {
        const data = await this.fetchPage(1);
        if (customerId !== this.customerId) return; // another conversation was opened meanwhile
        // A message pushed while the page was on its way may be missing from it (read before the
        // message was stored): kept, not replaced.
        const onPage = new Set(data.ret_data.map((row) => row.id));
        this.total = data.data_count + this.messages.filter((row) => !onPage.has(row.id)).length;
        this.messages = mergeById(this.messages, data.ret_data);
        this.pages = 1;
        const row = this.contacts.find((contact) => contact.customer_id === this.customerId);
        if (row) row.count = 0; // opening the conversation reads it
        live.unread = (await get(`${Q}/contact/query_num/0`)).chatinfo_count;
        this.scrollDown();
      } catch (error) {
        fail(error);
      } finally {
        this.loading = false;
      }
    },
    async older() {
      this.loading = true;
      try {
        const data = await this.fetchPage(this.pages + 1);
        this.messages = mergeById(this.messages, data.ret_data);
        this.total = data.data_count;
        this.pages += 1;
      } catch (error) {
        fail(error);
      } finally {
        this.loading = false;
      }
    },
    // Back from a dropped socket: whatever arrived meanwhile is on the newest page (or the contacts).
    // The page first: fetching it reads the conversation, so the contacts' counts come after it.
    async catchUp() {
      if (this.customerId) {
        await attempt(async () => {
          const data = await this.fetchPage(1);
          const known = new Set(this.messages.map((row) => row.id));
          const missed = data.ret_data.filter((row) => !known.has(row.id)).length;
          this.messages = mergeById(this.messages, data.ret_data);
          this.total = data.data_count;
          if (missed) this.scrollDown();
        });
      }
      await this.loadContacts();
    },
    arrived(rows) {
      let readNow = false;
      for (const row of rows) {
        if (row.customer_id === this.customerId) {
          const isNew = !this.messages.some((message) => message.id === row.id);
          this.messages = mergeById(this.messages, [row]);
          if (isNew) this.total += 1;
          readNow = readNow || row.send_type === 2;
        }
        const contact = this.contacts.find((item) => item.customer_id === row.customer_id);
        if (contact) {
          contact.msg = row.msg;
          contact.dateTime = row.dateTime.slice(11, 16);
          if (row.send_type === 2 && row.customer_id !== this.customerId) contact.count += 1;
          this.contacts = [contact, ...this.contacts.filter((item) => item !== contact)];
        } else if (!this.searched || row.customer_id === this.customerId) { // a search's matches are the server's to say
          this.loadContacts();
        }
      }
      if (readNow) {
        sendLive({ type: "read", customer_id: this.customerId }); // seen as it arrived
        this.scrollDown();
      }
    },
    readByCustomer(customerId) {
      if (customerId !== this.customerId) return;
      for (const message of this.messages) {
        if (message.send_type === 1) message.is_customer_already_read = 1;
      }
    },
    async send() {
      if (!this.text) return;
      this.sending = true;
      this.problems.clear();
      try {
        const sent = await post(`${Q}/chat/send_msg/0`, {
          customer_id: this.customerId, send_type: 1, content: { info_type: 1, msg: this.text },
        });
        this.text = "";
        // The push brings the message; if the socket is down, the newest page does.
        clearTimeout(this.checkTimer);
        this.checkTimer = setTimeout(() => {
          if (!this.messages.some((row) => row.id === sent.id)) this.catchUp();
        }, 1500);
      } catch (error) {
        if (!this.problems.show(error)) fail(error);
      } finally {
        this.sending = false;
      }
    },
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing (pinyin).
    // On a touch screen Enter breaks the line: the button sends.
    enter(event) {
      if (event.shiftKey || event.isComposing || event.keyCode === 229 || this.touch) return;
      event.preventDefault();
      if (this.text && !this.sending) this.send();
    },
    scrollDown() {
      this.$nextTick(() => {
        const box = this.$refs.messages;
        if (box) box.scrollTop = box.scrollHeight;
      });
    },
    go,
    hourMinute,
    linkParts,
    media,
  },
};
import { createElementVNode as _createElementVNode, normalizeClass as _normalizeClass, vModelText as _vModelText, withDirectives as _withDirectives, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, resolveComponent as _resolveComponent, createVNode as _createVNode, toDisplayString as _toDisplayString, createCommentVNode as _createCommentVNode, withCtx as _withCtx, createBlock as _createBlock, createTextVNode as _createTextVNode, withKeys as _withKeys, withModifiers as _withModifiers } from "vue"

const _hoisted_1 = { class: "contacts" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = {
  class: "list",
  id: "contact-list"
}
const _hoisted_4 = ["onClick"]
const _hoisted_5 = { class: "grow" }
const _hoisted_6 = { class: "muted small ellipsis" }
const _hoisted_7 = { class: "right" }
const _hoisted_8 = { class: "muted small" }
const _hoisted_9 = {
  key: 0,
  class: "badge"
}
const _hoisted_10 = {
  key: 0,
  class: "conversation"
}
const _hoisted_11 = { class: "view-head" }
const _hoisted_12 = { class: "grow" }
const _hoisted_13 = {
  class: "messages",
  ref: "messages",
  id: "messages"
}
const _hoisted_14 = { class: "day-sep" }
const _hoisted_15 = ["data-id"]
const _hoisted_16 = { class: "bubble" }
const _hoisted_17 = {
  key: 0,
  class: "product-msg"
}
const _hoisted_18 = ["src"]
const _hoisted_19 = ["src"]
const _hoisted_20 = ["href"]
const _hoisted_21 = {
  key: 3,
  class: "text"
}
const _hoisted_22 = ["href"]
const _hoisted_23 = { class: "muted" }
const _hoisted_24 = { class: "receipt" }
const _hoisted_25 = ["placeholder"]
const _hoisted_26 = ["disabled"]
const _hoisted_27 = {
  key: 1,
  class: "conversation placeholder"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_share_card = _resolveComponent("rw-share-card")
  const _component_rw_export = _resolveComponent("rw-export")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_field = _resolveComponent("rw-field")

  return (_openBlock(), _createElementBlock("section", {
    class: _normalizeClass(["view chat", {open: $options.customerId}])
  }, [
    _createElementVNode("aside", _hoisted_1, [
      _createElementVNode("header", _hoisted_2, [
        _cache[7] || (_cache[7] = _createElementVNode("h2", null, "聊天", -1 /* CACHED */)),
        _createElementVNode("span", {
          class: _normalizeClass(["live-dot", _ctx.live.state])
        }, null, 2 /* CLASS */)
      ]),
      _withDirectives(_createElementVNode("input", {
        type: "search",
        class: "search contact-search",
        id: "contact-search",
        "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => ((_ctx.search) = $event)),
        placeholder: "搜索姓名、备注名或手机号",
        "aria-label": "搜索联系人",
        maxlength: "64"
      }, null, 512 /* NEED_PATCH */), [
        [_vModelText, _ctx.search]
      ]),
      _createElementVNode("ul", _hoisted_3, [
        (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.contacts, (row) => {
          return (_openBlock(), _createElementBlock("li", {
            key: row.customer_id,
            class: _normalizeClass({active: row.customer_id === $options.customerId}),
            onClick: $event => ($options.go('chat', row.customer_id))
          }, [
            _createVNode(_component_rw_avatar, {
              src: row.src
            }, null, 8 /* PROPS */, ["src"]),
            _createElementVNode("div", _hoisted_5, [
              _createElementVNode("b", null, _toDisplayString(row.name), 1 /* TEXT */),
              _createElementVNode("p", _hoisted_6, _toDisplayString(row.msg), 1 /* TEXT */)
            ]),
            _createElementVNode("div", _hoisted_7, [
              _createElementVNode("span", _hoisted_8, _toDisplayString(row.dateTime), 1 /* TEXT */),
              (row.count)
                ? (_openBlock(), _createElementBlock("span", _hoisted_9, _toDisplayString(row.count), 1 /* TEXT */))
                : _createCommentVNode("v-if", true)
            ])
          ], 10 /* CLASS, PROPS */, _hoisted_4))
        }), 128 /* KEYED_FRAGMENT */))
      ]),
      (_ctx.loaded && !_ctx.contacts.length && _ctx.searched)
        ? (_openBlock(), _createBlock(_component_rw_empty, {
            key: 0,
            text: `没有找到「${_ctx.searched}」:可以搜索客户的姓名、备注名或手机号`
          }, {
            default: _withCtx(() => [
              _createElementVNode("button", {
                onClick: _cache[1] || (_cache[1] = $event => (_ctx.search = ''))
              }, "清除搜索")
            ]),
            _: 1 /* STABLE */
          }, 8 /* PROPS */, ["text"]))
        : (_ctx.loaded && !_ctx.contacts.length)
          ? (_openBlock(), _createBlock(_component_rw_empty, {
              key: 1,
              text: "还没有聊天。客户在你的名片上点「咨询」或留言,就会出现在这里。"
            }, {
              default: _withCtx(() => [
                _createVNode(_component_rw_share_card)
              ]),
              _: 1 /* STABLE */
            }))
          : _createCommentVNode("v-if", true)
    ]),
    ($options.customerId)
      ? (_openBlock(), _createElementBlock("div", _hoisted_10, [
          _createElementVNode("header", _hoisted_11, [
            _createElementVNode("button", {
              class: "icon back",
              onClick: _cache[2] || (_cache[2] = $event => ($options.go('chat'))),
              "aria-label": "返回"
            }, "←"),
            _createElementVNode("h3", _hoisted_12, _toDisplayString($options.current ? $options.current.name : '客户'), 1 /* TEXT */),
            _createVNode(_component_rw_export, {
              kind: "chat",
              query: {customer_id: $options.customerId},
              label: "导出聊天"
            }, null, 8 /* PROPS */, ["query"]),
            _createElementVNode("button", {
              class: "link",
              onClick: _cache[3] || (_cache[3] = $event => ($options.go('customers', $options.customerId)))
            }, "客户资料")
          ]),
          _createElementVNode("div", _hoisted_13, [
            _createVNode(_component_rw_more, {
              shown: _ctx.messages.length,
              total: _ctx.total,
              loading: _ctx.loading,
              onMore: $options.older
            }, null, 8 /* PROPS */, ["shown", "total", "loading", "onMore"]),
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.days, (group) => {
              return (_openBlock(), _createElementBlock(_Fragment, {
                key: group.day
              }, [
                _createElementVNode("p", _hoisted_14, [
                  _createElementVNode("span", null, _toDisplayString(group.day), 1 /* TEXT */)
                ]),
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(group.rows, (row) => {
                  return (_openBlock(), _createElementBlock("div", {
                    key: row.id,
                    class: _normalizeClass(["message", row.send_type === 1 ? 'mine' : 'theirs']),
                    "data-id": row.id
                  }, [
                    (row.send_type === 2)
                      ? (_openBlock(), _createBlock(_component_rw_avatar, {
                          key: 0,
                          src: row.customer_avatar,
                          size: 32
                        }, null, 8 /* PROPS */, ["src"]))
                      : _createCommentVNode("v-if", true),
                    _createElementVNode("div", _hoisted_16, [
                      (row.info_type === 2)
                        ? (_openBlock(), _createElementBlock("div", _hoisted_17, [
                            (row.product_cover_url)
                              ? (_openBlock(), _createElementBlock("img", {
                                  key: 0,
                                  src: $options.media(row.product_cover_url),
                                  alt: ""
                                }, null, 8 /* PROPS */, _hoisted_18))
                              : _createCommentVNode("v-if", true),
                            _createElementVNode("span", null, [
                              _cache[8] || (_cache[8] = _createTextVNode("咨询产品 ", -1 /* CACHED */)),
                              _createElementVNode("b", null, _toDisplayString(row.product_name), 1 /* TEXT */),
                              _createTextVNode(" ¥" + _toDisplayString(row.product_price), 1 /* TEXT */)
                            ])
                          ]))
                        : (row.info_type === 4)
                          ? (_openBlock(), _createElementBlock("img", {
                              key: 1,
                              src: $options.media(row.url),
                              class: "image-msg",
                              alt: "图片"
                            }, null, 8 /* PROPS */, _hoisted_19))
                          : (row.info_type === 5)
                            ? (_openBlock(), _createElementBlock("a", {
                                key: 2,
                                href: $options.media(row.url),
                                target: "_blank",
                                rel: "noopener noreferrer"
                              }, "[视频]", 8 /* PROPS */, _hoisted_20))
                            : (_openBlock(), _createElementBlock("span", _hoisted_21, [
                                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.linkParts(row.msg), (part, at) => {
                                  return (_openBlock(), _createElementBlock(_Fragment, { key: at }, [
                                    (part.href)
                                      ? (_openBlock(), _createElementBlock("a", {
                                          key: 0,
                                          href: part.href,
                                          target: "_blank",
                                          rel: "noopener noreferrer"
                                        }, _toDisplayString(part.text), 9 /* TEXT, PROPS */, _hoisted_22))
                                      : (_openBlock(), _createElementBlock(_Fragment, { key: 1 }, [
                                          _createTextVNode(_toDisplayString(part.text), 1 /* TEXT */)
                                        ], 64 /* STABLE_FRAGMENT */))
                                  ], 64 /* STABLE_FRAGMENT */))
                                }), 128 /* KEYED_FRAGMENT */))
                              ])),
                      _createElementVNode("small", _hoisted_23, [
                        _createTextVNode(_toDisplayString($options.hourMinute(row.dateTime)), 1 /* TEXT */),
                        (row.send_type === 1)
                          ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                              _cache[9] || (_cache[9] = _createTextVNode(" · ", -1 /* CACHED */)),
                              _createElementVNode("span", _hoisted_24, _toDisplayString(row.is_customer_already_read ? '已读' : '未读'), 1 /* TEXT */)
                            ], 64 /* STABLE_FRAGMENT */))
                          : _createCommentVNode("v-if", true)
                      ])
                    ])
                  ], 10 /* CLASS, PROPS */, _hoisted_15))
                }), 128 /* KEYED_FRAGMENT */))
              ], 64 /* STABLE_FRAGMENT */))
            }), 128 /* KEYED_FRAGMENT */))
          ], 512 /* NEED_PATCH */),
          _createElementVNode("form", {
            class: "composer",
            onSubmit: _cache[6] || (_cache[6] = _withModifiers((...args) => ($options.send && $options.send(...args)), ["prevent"]))
          }, [
            _createVNode(_component_rw_field, { name: "content.msg" }, {
              default: _withCtx(() => [
                _withDirectives(_createElementVNode("textarea", {
                  id: "chat-text",
                  "onUpdate:modelValue": _cache[4] || (_cache[4] = $event => ((_ctx.text) = $event)),
                  rows: "2",
                  maxlength: "2000",
                  "aria-label": "消息",
                  placeholder: _ctx.touch ? '输入消息' : '输入消息,Enter 发送,Shift+Enter 换行',
                  onKeydown: _cache[5] || (_cache[5] = _withKeys((...args) => ($options.enter && $options.enter(...args)), ["enter"]))
                }, null, 40 /* PROPS, NEED_HYDRATION */, _hoisted_25), [
                  [
                    _vModelText,
                    _ctx.text,
                    void 0,
                    { trim: true }
                  ]
                ])
              ]),
              _: 1 /* STABLE */
            }),
            _createElementVNode("button", {
              id: "chat-send",
              class: "primary",
              disabled: _ctx.sending || !_ctx.text
            }, "发送", 8 /* PROPS */, _hoisted_26)
          ], 32 /* NEED_HYDRATION */)
        ]))
      : (_openBlock(), _createElementBlock("div", _hoisted_27, [
          _createVNode(_component_rw_empty, { text: "选择一位客户开始聊天" })
        ]))
  ], 2 /* CLASS */))
}
_sfc_main.render = render;
export default _sfc_main;
