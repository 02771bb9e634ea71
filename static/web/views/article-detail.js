/* Compiled from article-detail.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: a5169e73b94f16608d3428318d0459c49d18d8e46344d3b847db430be89a9225 */
/* An article: its readers and the propagation map (文章脉络图): the forward tree by level, each
   node sized by the people below it; a click shows the reader's transmit path, reads and forwards.
   Readers come in pages (the server caps a page), and the map grows as readers arrive. */
import { auth, get, pagedList, post, Q, ROLE_ADMIN } from "../api.js";
import { problems } from "../fields.js";
import { on } from "../live.js";
import { attempt, fail, notify } from "../notices.js";
import { go } from "../router.js";
import ArticleForm from "./article-form.js";
import { forwardTree } from "./forward-tree.js";

const ARTICLE_ACTIONS = new Set([14, 15, 16]);
const READERS_PAGE = 100;

// The map's tooltip, in plain text (the chart widget escapes it).
function describe({ data }) {
  if (data.unseen) return "还未加载的读者\n点「加载更多」显示";
  if (!data.level) return `${data.name} (我)\n读者 ${data.value} 人`;
  return `${data.name}\n第${data.level}层 · 阅读${data.read_count}次 · 停留${data.stay_time} · 下级${data.value}人`;
}

const _sfc_main = {
  components: { "rw-article-form": ArticleForm },
  props: { articleId: Number },
  data() {
    return {
      article: null, tab: "map", level: 0, depth: 0, shareUrl: "", shareProblem: null, sharing: false, picked: null,
      editing: null, problems: problems(), isAdmin: auth.session.role_id === ROLE_ADMIN,
      readers: pagedList(`${Q}/article/hide_customer_data/${this.articleId}`, () => ({}),
                         { length: READERS_PAGE, total: "count" }),
      ranking: pagedList(`${Q}/article/customer_effect_ranking_by_level/${this.articleId}`, () => ({ level: this.level }),
                         { total: "count" }),
    };
  },
  provide() {
    return { problems: this.problems };
  },
  created() {
    this.load();
    this.off = [on("action_log", (data) => {
      if (data.ret_data.some((item) => ARTICLE_ACTIONS.has(item.action_code))) {
        clearTimeout(this.timer); // a burst of reads redraws the map once
        this.timer = setTimeout(() => this.load(), 600);
      }
    }), on("open", () => this.load())];
  },
  unmounted() {
    this.off.forEach((off) => off());
    clearTimeout(this.timer);
  },
  watch: {
    tab(value) {
      if (value === "ranking") this.ranking.load().catch(fail);
      if (value === "share" && !this.shareUrl) this.loadShare();
    },
    level() { this.ranking.load().catch(fail); },
  },
  computed: {
    // Each reader once: pages are read while readers arrive, and the order (longest stay) moves.
    rows() {
      return [...new Map(this.readers.rows.map((row) => [row.customer_id, row])).values()];
    },
    complete() {
      return this.rows.length >= this.readers.total;
    },
    levels() {
      return this.complete ? Math.max(0, ...this.rows.map((row) => row.level)) : this.depth;
    },
    option() {
      return {
        tooltip: { trigger: "item", formatter: describe },
        series: [{
          type: "tree", data: [forwardTree(auth.session.username || "我", this.rows)], orient: "TB",
          top: 40, bottom: 60, left: 30, right: 30,
          symbol: "circle", initialTreeDepth: -1, expandAndCollapse: false, roam: true,
          label: { position: "top", fontSize: 12 }, leaves: { label: { position: "bottom" } },
          itemStyle: { color: "#1677ff", borderColor: "#fff" }, lineStyle: { color: "#9bbcf5", curveness: 0.4 },
        }],
      };
    },
  },
  methods: {
    async load() {
      await attempt(async () => {
        const [article] = await Promise.all([get(`${Q}/article/myarticle/${this.articleId}`), this.readers.refresh()]);
        this.article = article.ret_data[0];
        // The depth is in the rows when every reader is; otherwise the ranking route knows it.
        if (!this.complete) {
          this.depth = (await get(`${Q}/article/customer_effect_ranking_by_level/${this.articleId}`,
                                  { level: 0, length: 1 })).total_level_num;
        }
      });
    },
    /* The share link goes through the company's 公众号 (readers are known by it). When it cannot be
       made the tab says why, and where it is set (管理 → 公司, for admins a link). */
    async loadShare() {
      this.sharing = true;
      this.shareProblem = null;
      try {
        this.shareUrl = (await get(`${Q}/work_weixin_auth/create_gongzhonghao_share_auth_url`,
                                      { article_id: this.articleId })).share_url;
      } catch (error) {
        this.shareProblem = { text: error.message, setting: ["company_id", "gzh_appid", "gzh_secret"].includes(error.field) };
      } finally {
        this.sharing = false;
      }
    },
    async pick(node) {
      if (!node || !node.customer_id) return;
      const query = { customer_id: node.customer_id, pid: node.pid || "" };
      await attempt(async () => {
        const [path, reads, forwards] = await Promise.all([
          get(`${Q}/article/query_customer_transmit_path/${this.articleId}`, { customer_id: node.customer_id, level: node.level }),
          get(`${Q}/article/get_article_access_log/${this.articleId}`, query),
          get(`${Q}/article/get_article_forward_info/${this.articleId}`, query),
        ]);
        this.picked = { node, path: path.ret_data, reads, forwards: forwards.ret_data };
      });
    },
    edit() {
      const { title, summary, cover_picture, content } = this.article;
      this.editing = { title, summary, cover_picture, content };
    },
    async save() {
      await attempt(async () => {
        await post(`${Q}/article/update/${this.articleId}`, this.editing);
        this.editing = null;
        this.article = (await get(`${Q}/article/myarticle/${this.articleId}`)).ret_data[0];
        notify("文章已保存", "ok");
      }, undefined, this.problems);
    },
    async remove() {
      if (!confirm(`删除文章《${this.article.title}》?它的传播数据也会删除。`)) return;
      await attempt(async () => {
        await post(`${Q}/article/delete/${this.articleId}`);
        notify("文章已删除", "ok");
        go("articles");
      });
    },
    async copy() {
      try {
        await navigator.clipboard.writeText(this.shareUrl);
        notify("链接已复制", "ok");
      } catch (error) {
        notify("无法访问剪贴板,请手动复制", "error");
      }
    },
    go,
  },
};
import { createElementVNode as _createElementVNode, toDisplayString as _toDisplayString, resolveComponent as _resolveComponent, createVNode as _createVNode, withCtx as _withCtx, openBlock as _openBlock, createBlock as _createBlock, createCommentVNode as _createCommentVNode, createElementBlock as _createElementBlock, renderList as _renderList, Fragment as _Fragment, vModelSelect as _vModelSelect, withDirectives as _withDirectives } from "vue"

const _hoisted_1 = {
  key: 0,
  class: "article",
  id: "article-detail"
}
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = { class: "grow" }
const _hoisted_4 = { class: "muted small" }
const _hoisted_5 = {
  key: 0,
  id: "article-map"
}
const _hoisted_6 = {
  key: 1,
  class: "list",
  id: "article-readers"
}
const _hoisted_7 = ["onClick"]
const _hoisted_8 = { class: "grow" }
const _hoisted_9 = { class: "muted small" }
const _hoisted_10 = { class: "right small" }
const _hoisted_11 = { key: 3 }
const _hoisted_12 = { class: "filters" }
const _hoisted_13 = ["value"]
const _hoisted_14 = { class: "table" }
const _hoisted_15 = {
  key: 4,
  class: "card"
}
const _hoisted_16 = {
  class: "share-url",
  id: "share-url"
}
const _hoisted_17 = {
  key: 1,
  class: "muted"
}
const _hoisted_18 = {
  key: 2,
  class: "share-problem",
  id: "share-problem"
}
const _hoisted_19 = { class: "error-text" }
const _hoisted_20 = { key: 0 }
const _hoisted_21 = {
  key: 1,
  class: "muted"
}
const _hoisted_22 = { key: 1 }
const _hoisted_23 = {
  class: "path",
  id: "transmit-path"
}
const _hoisted_24 = { class: "plain" }
const _hoisted_25 = { class: "plain" }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_tabs = _resolveComponent("rw-tabs")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_chart = _resolveComponent("rw-chart")
  const _component_rw_more = _resolveComponent("rw-more")
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_modal = _resolveComponent("rw-modal")
  const _component_rw_article_form = _resolveComponent("rw-article-form")

  return ($data.article)
    ? (_openBlock(), _createElementBlock("div", _hoisted_1, [
        _createElementVNode("header", _hoisted_2, [
          _createElementVNode("button", {
            class: "icon",
            onClick: _cache[0] || (_cache[0] = $event => ($options.go('articles'))),
            "aria-label": "返回"
          }, "←"),
          _createElementVNode("div", _hoisted_3, [
            _createElementVNode("h2", null, _toDisplayString($data.article.title), 1 /* TEXT */),
            _createElementVNode("p", _hoisted_4, "阅读 " + _toDisplayString($data.article.read_count) + " · 转发 " + _toDisplayString($data.article.forward_count) + " · 读者 " + _toDisplayString($data.readers.total) + " 人 · 传播 " + _toDisplayString($options.levels) + " 层", 1 /* TEXT */)
          ]),
          _createElementVNode("button", {
            onClick: _cache[1] || (_cache[1] = (...args) => ($options.edit && $options.edit(...args)))
          }, "编辑"),
          _createElementVNode("button", {
            class: "danger",
            onClick: _cache[2] || (_cache[2] = (...args) => ($options.remove && $options.remove(...args)))
          }, "删除")
        ]),
        _createVNode(_component_rw_tabs, {
          tabs: [['map', '传播脉络图'], ['readers', '潜在客户'], ['ranking', '层级排行'], ['share', '分享']],
          modelValue: $data.tab,
          "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => (($data.tab) = $event))
        }, null, 8 /* PROPS */, ["modelValue"]),
        ($data.tab === 'map')
          ? (_openBlock(), _createElementBlock("div", _hoisted_5, [
              (!$options.rows.length)
                ? (_openBlock(), _createBlock(_component_rw_empty, {
                    key: 0,
                    text: "还没有人阅读。把分享链接发出去,读者和他们的转发会在这里长成一棵树。"
                  }, {
                    default: _withCtx(() => [
                      _createElementVNode("button", {
                        class: "primary",
                        onClick: _cache[4] || (_cache[4] = $event => ($data.tab = 'share'))
                      }, "去分享")
                    ]),
                    _: 1 /* STABLE */
                  }))
                : (_openBlock(), _createBlock(_component_rw_chart, {
                    key: 1,
                    option: $options.option,
                    height: "420px",
                    onPick: $options.pick
                  }, null, 8 /* PROPS */, ["option", "onPick"])),
              _createVNode(_component_rw_more, {
                shown: $options.rows.length,
                total: $data.readers.total,
                loading: $data.readers.loading,
                onMore: _cache[5] || (_cache[5] = $event => ($data.readers.more()))
              }, null, 8 /* PROPS */, ["shown", "total", "loading"]),
              _cache[15] || (_cache[15] = _createElementVNode("p", { class: "muted small" }, "点击一位读者查看他的传播路径、阅读和转发。节点越大,经他读到文章的人越多。", -1 /* CACHED */))
            ]))
          : _createCommentVNode("v-if", true),
        ($data.tab === 'readers')
          ? (_openBlock(), _createElementBlock("ul", _hoisted_6, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.rows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.customer_id,
                  onClick: $event => ($options.pick({customer_id: row.customer_id, pid: row.pid, level: row.level, name: row.customer_name}))
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.customer_headimgurl
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("div", _hoisted_8, [
                    _createElementVNode("b", null, _toDisplayString(row.customer_name), 1 /* TEXT */),
                    _createElementVNode("p", _hoisted_9, _toDisplayString(row.sex_text) + " · " + _toDisplayString(row.area || '—') + " · 第" + _toDisplayString(row.level) + "层", 1 /* TEXT */)
                  ]),
                  _createElementVNode("div", _hoisted_10, "阅读 " + _toDisplayString(row.read_count) + " · 停留 " + _toDisplayString(row.stay_time), 1 /* TEXT */)
                ], 8 /* PROPS */, _hoisted_7))
              }), 128 /* KEYED_FRAGMENT */))
            ]))
          : _createCommentVNode("v-if", true),
        ($data.tab === 'readers')
          ? (_openBlock(), _createElementBlock(_Fragment, { key: 2 }, [
              (!$options.rows.length)
                ? (_openBlock(), _createBlock(_component_rw_empty, {
                    key: 0,
                    text: "还没有读者。分享文章后,每位读过的人都会出现在这里,按停留时间排序。"
                  }, {
                    default: _withCtx(() => [
                      _createElementVNode("button", {
                        class: "primary",
                        onClick: _cache[6] || (_cache[6] = $event => ($data.tab = 'share'))
                      }, "去分享")
                    ]),
                    _: 1 /* STABLE */
                  }))
                : _createCommentVNode("v-if", true),
              _createVNode(_component_rw_more, {
                shown: $options.rows.length,
                total: $data.readers.total,
                loading: $data.readers.loading,
                onMore: _cache[7] || (_cache[7] = $event => ($data.readers.more()))
              }, null, 8 /* PROPS */, ["shown", "total", "loading"])
            ], 64 /* STABLE_FRAGMENT */))
          : _createCommentVNode("v-if", true),
        ($data.tab === 'ranking')
          ? (_openBlock(), _createElementBlock("div", _hoisted_11, [
              _createElementVNode("div", _hoisted_12, [
                _withDirectives(_createElementVNode("select", {
                  "onUpdate:modelValue": _cache[8] || (_cache[8] = $event => (($data.level) = $event)),
                  "aria-label": "层级"
                }, [
                  _cache[16] || (_cache[16] = _createElementVNode("option", { value: 0 }, "全部层级", -1 /* CACHED */)),
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.levels, (n) => {
                    return (_openBlock(), _createElementBlock("option", {
                      key: n,
                      value: n
                    }, "第" + _toDisplayString(n) + "层", 9 /* TEXT, PROPS */, _hoisted_13))
                  }), 128 /* KEYED_FRAGMENT */))
                ], 512 /* NEED_PATCH */), [
                  [
                    _vModelSelect,
                    $data.level,
                    void 0,
                    { number: true }
                  ]
                ])
              ]),
              _createElementVNode("table", _hoisted_14, [
                _cache[17] || (_cache[17] = _createElementVNode("thead", null, [
                  _createElementVNode("tr", null, [
                    _createElementVNode("th", null, "读者"),
                    _createElementVNode("th", null, "层级"),
                    _createElementVNode("th", null, "阅读"),
                    _createElementVNode("th", null, "停留"),
                    _createElementVNode("th", null, "转发朋友"),
                    _createElementVNode("th", null, "转发朋友圈")
                  ])
                ], -1 /* CACHED */)),
                _createElementVNode("tbody", null, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.ranking.rows, (row) => {
                    return (_openBlock(), _createElementBlock("tr", {
                      key: row.id
                    }, [
                      _createElementVNode("td", null, _toDisplayString(row.customer_name), 1 /* TEXT */),
                      _createElementVNode("td", null, _toDisplayString(row.level), 1 /* TEXT */),
                      _createElementVNode("td", null, _toDisplayString(row.read_count), 1 /* TEXT */),
                      _createElementVNode("td", null, _toDisplayString(row.stay_time), 1 /* TEXT */),
                      _createElementVNode("td", null, _toDisplayString(row.forward_friend_count), 1 /* TEXT */),
                      _createElementVNode("td", null, _toDisplayString(row.forward_friend_circle_count), 1 /* TEXT */)
                    ]))
                  }), 128 /* KEYED_FRAGMENT */))
                ])
              ]),
              (!$data.ranking.loading && !$data.ranking.rows.length)
                ? (_openBlock(), _createBlock(_component_rw_empty, {
                    key: 0,
                    text: "这一层还没有读者。"
                  }))
                : _createCommentVNode("v-if", true),
              _createVNode(_component_rw_more, {
                shown: $data.ranking.rows.length,
                total: $data.ranking.total,
                loading: $data.ranking.loading,
                onMore: _cache[9] || (_cache[9] = $event => ($data.ranking.more()))
              }, null, 8 /* PROPS */, ["shown", "total", "loading"])
            ]))
          : _createCommentVNode("v-if", true),
        ($data.tab === 'share')
          ? (_openBlock(), _createElementBlock("div", _hoisted_15, [
              ($data.shareUrl)
                ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                    _cache[18] || (_cache[18] = _createElementVNode("p", null, "在企业微信或微信里打开这个链接分享给客户,读者的每次阅读和转发都会记在你的传播树上。", -1 /* CACHED */)),
                    _createElementVNode("p", _hoisted_16, _toDisplayString($data.shareUrl), 1 /* TEXT */),
                    _createElementVNode("button", {
                      onClick: _cache[10] || (_cache[10] = (...args) => ($options.copy && $options.copy(...args)))
                    }, "复制链接")
                  ], 64 /* STABLE_FRAGMENT */))
                : ($data.sharing)
                  ? (_openBlock(), _createElementBlock("p", _hoisted_17, "正在生成分享链接…"))
                  : ($data.shareProblem)
                    ? (_openBlock(), _createElementBlock("div", _hoisted_18, [
                        _createElementVNode("p", _hoisted_19, "还不能分享:" + _toDisplayString($data.shareProblem.text), 1 /* TEXT */),
                        ($data.shareProblem.setting)
                          ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                              _cache[20] || (_cache[20] = _createElementVNode("p", null, "读者要通过公司的公众号打开文章,雷达才认得出他们、画得出传播树。公众号的 AppID 和 Secret 在 管理 → 公司 里设置。", -1 /* CACHED */)),
                              ($data.isAdmin)
                                ? (_openBlock(), _createElementBlock("p", _hoisted_20, [...(_cache[19] || (_cache[19] = [
                                    _createElementVNode("a", {
                                      class: "button primary",
                                      id: "share-setup",
                                      href: "#/admin/companies"
                                    }, "去 管理 → 公司 设置公众号", -1 /* CACHED */)
                                  ]))]))
                                : (_openBlock(), _createElementBlock("p", _hoisted_21, "请公司的管理员设置好公众号后再来分享。"))
                            ], 64 /* STABLE_FRAGMENT */))
                          : (_openBlock(), _createElementBlock("p", _hoisted_22, [
                              _createElementVNode("button", {
                                onClick: _cache[11] || (_cache[11] = (...args) => ($options.loadShare && $options.loadShare(...args)))
                              }, "重试")
                            ]))
                      ]))
                    : _createCommentVNode("v-if", true)
            ]))
          : _createCommentVNode("v-if", true),
        ($data.picked)
          ? (_openBlock(), _createBlock(_component_rw_modal, {
              key: 5,
              title: $data.picked.node.name + ' · 第' + $data.picked.node.level + '层',
              onClose: _cache[12] || (_cache[12] = $event => ($data.picked = null))
            }, {
              default: _withCtx(() => [
                _cache[21] || (_cache[21] = _createElementVNode("h4", null, "传播路径", -1 /* CACHED */)),
                _createElementVNode("ol", _hoisted_23, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.picked.path, (step) => {
                    return (_openBlock(), _createElementBlock("li", {
                      key: step.level
                    }, _toDisplayString(step.customer_name || step.user_name + ' (我)'), 1 /* TEXT */))
                  }), 128 /* KEYED_FRAGMENT */))
                ]),
                _createElementVNode("h4", null, "阅读记录 (" + _toDisplayString($data.picked.reads.data_count) + ")", 1 /* TEXT */),
                _createElementVNode("ul", _hoisted_24, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.picked.reads.ret_data, (read) => {
                    return (_openBlock(), _createElementBlock("li", {
                      key: read.article_access_log_id
                    }, _toDisplayString(read.last_read_time) + " · 停留 " + _toDisplayString(read.stay_time || 0), 1 /* TEXT */))
                  }), 128 /* KEYED_FRAGMENT */))
                ]),
                _cache[22] || (_cache[22] = _createElementVNode("h4", null, "转发", -1 /* CACHED */)),
                _createElementVNode("ul", _hoisted_25, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($data.picked.forwards, (row) => {
                    return (_openBlock(), _createElementBlock("li", {
                      key: row.customer_id
                    }, "转发朋友 " + _toDisplayString(row.forward_friend_count) + " 次,朋友圈 " + _toDisplayString(row.forward_friend_circle_count) + " 次; 带来 " + _toDisplayString(row.forward_customer_read_people) + " 位读者、" + _toDisplayString(row.forward_customer_read_num) + " 次阅读", 1 /* TEXT */))
                  }), 128 /* KEYED_FRAGMENT */))
                ])
              ]),
              _: 1 /* STABLE */
            }, 8 /* PROPS */, ["title"]))
          : _createCommentVNode("v-if", true),
        ($data.editing)
          ? (_openBlock(), _createBlock(_component_rw_modal, {
              key: 6,
              title: "编辑文章",
              onClose: _cache[14] || (_cache[14] = $event => ($data.editing = null))
            }, {
              default: _withCtx(() => [
                _createVNode(_component_rw_article_form, {
                  modelValue: $data.editing,
                  "onUpdate:modelValue": _cache[13] || (_cache[13] = $event => (($data.editing) = $event)),
                  onSubmit: $options.save
                }, null, 8 /* PROPS */, ["modelValue", "onSubmit"])
              ]),
              _: 1 /* STABLE */
            }))
          : _createCommentVNode("v-if", true)
      ]))
    : _createCommentVNode("v-if", true)
}
_sfc_main.render = render;
export default _sfc_main;
