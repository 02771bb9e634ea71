/* Compiled from boss.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: de080a93312b904a94cdf86fd6ac780d3185e5089280254325c4abb55a382a84 */
/* Boss 雷达 (admins and Bosses): the company's numbers (累计, 昨日, 近7天, 近30天), the daily lines,
   the shares of what customers look at, and the three rankings with the customers behind each. */
import { auth, get, post, ROLE_ADMIN } from "../api.js";
import { attempt } from "../notices.js";

const B = "/zhugeleida/boosleida/home_page";
const METRICS = [
  ["customer_num", "客户总数"], ["browse_num", "浏览名片"], ["follow_num", "跟进次数"], ["comm_num_of_customer", "沟通客户"],
  ["forward_num", "转发名片"], ["saved_total_num", "保存电话"], ["praise_num", "靠谱"], ["query_product_num", "咨询产品"],
  ["view_website_num", "查看官网"],
];
const PERIODS = [["count_data", "累计"], ["yesterday_data", "昨日"], ["nearly_seven_days", "近7天"], ["nearly_thirty_days", "近30天"]];
const LINES = [["index_type_1", "新增客户"], ["index_type_2", "主动咨询的客户"], ["index_type_3", "跟进的客户"], ["index_type_4", "活跃的客户"]];
const WINDOWS = [["nearly_seven_days", "近7天"], ["nearly_fifteen_days", "近15天"], ["nearly_thirty_days", "近30天"]];
const INTERACTIONS = { praise_num: "靠谱", query_product_num: "咨询产品", forward_mingpian_num: "转发名片",
                       call_phone_num: "拨打电话", saved_phone_num: "保存电话" };
const VIEWS = { view_mingpian: "名片", view_product_num: "产品", view_website_num: "官网" };
const RANKING_PERIODS = [["total_num_have_customer", "全部", 0], ["yesterday_new_customer", "昨日", 1],
  ["nearly_seven_new_customer", "近7天", 7], ["nearly_fifteen_new_customer", "近15天", 15], ["nearly_thirty_new_customer", "近30天", 30]];
const HUDONG_PERIODS = [["yesterday_data", "昨日", 1], ["nearly_seven_data", "近7天", 7], ["nearly_fifteen_data", "近15天", 15],
  ["nearly_thirty_data", "近30天", 30]];
const FORECASTS = [["1_50_pr", "1–50%"], ["51_80_pr", "51–80%"], ["81_99_pr", "81–99%"], ["100_pr", "100%"]];

const _sfc_main = {
  data: () => ({
    overview: null, lines: null, line: "index_type_1", window: "nearly_seven_days", ranking: null, rankingPeriod: 0,
    hudong: null, hudongKind: "follow_num", hudongPeriod: 1, forecast: null, drill: null,
    metrics: METRICS, periods: PERIODS, lineNames: LINES, windows: WINDOWS, rankingPeriods: RANKING_PERIODS,
    hudongPeriods: HUDONG_PERIODS, forecasts: FORECASTS, isAdmin: auth.session.role_id === ROLE_ADMIN,
  }),
  created() {
    this.load();
  },
  computed: {
    // Nothing counted yet: the screen says what moves the numbers.
    blank() {
      return Boolean(this.overview) && Object.values(this.overview.count_data).every((value) => !Number(value));
    },
    series() {
      if (!this.lines) return [];
      const line = this.lines[this.line];
      return line[this.window] || line.nearly_fifteen_days;
    },
    lineOption() {
      return {
        grid: { left: 40, right: 16, top: 24, bottom: 40 }, tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: this.series.map((point) => point.statics_date.slice(5)) },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "line", smooth: true, areaStyle: { opacity: 0.15 }, data: this.series.map((point) => point.value) }],
      };
    },
    interactionOption() {
      const values = this.lines ? this.lines.index_type_5 : {};
      return {
        grid: { left: 70, right: 24, top: 10, bottom: 24 }, tooltip: {},
        xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: Object.values(INTERACTIONS) },
        series: [{ type: "bar", data: Object.keys(INTERACTIONS).map((key) => values[key] || 0), itemStyle: { color: "#13a8a8" } }],
      };
    },
    viewOption() {
      const shares = this.lines ? this.lines.index_type_6 : {};
      return {
        tooltip: { formatter: "{b}: {c}%" }, legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["40%", "68%"], data: Object.entries(VIEWS).map(([key, name]) => ({ name, value: Number(shares[key] || 0) })) }],
      };
    },
    rankingRows() {
      if (!this.ranking) return [];
      return this.ranking[RANKING_PERIODS.find((period) => period[2] === this.rankingPeriod)[0]];
    },
    hudongRows() {
      if (!this.hudong) return [];
      const rows = this.hudong[this.hudongKind][HUDONG_PERIODS.find((period) => period[2] === this.hudongPeriod)[0]];
      return rows.map((row) => ({
        user_id: row.user_customer_flowup__user_id || row.userprofile_id,
        name: row.user_customer_flowup__user__username || row.userprofile__username,
        avatar: row.user_customer_flowup__user__avatar || row.userprofile__avatar,
        count: row.have_customer_num,
      }));
    },
  },
  methods: {
    async load() {
      await attempt(async () => {
        const [overview, lines, ranking, hudong, forecast] = await Promise.all([
          get(`${B}/acount_data`), get(`${B}/line_info`), get(`${B}/sales_ranking_customer_num`),
          get(`${B}/hudong_pinlv_customer_num`), get(`${B}/expect_chengjiaolv_customer_num`),
        ]);
        this.overview = overview.ret_data;
        this.lines = lines.ret_data;
        this.ranking = ranking.ret_data;
        this.hudong = hudong.ret_data;
        this.forecast = forecast.ret_data;
      });
    },
    async open(title, path, body) {
      await attempt(async () => {
        const data = await post(`${B}/${path}`, body, { length: 50 });
        this.drill = { title, rows: data.ret_data, count: data.count === undefined ? data.ret_data.length : data.count };
      });
    },
    byPeople(row) {
      const period = RANKING_PERIODS.find((item) => item[2] === this.rankingPeriod);
      this.open(`${row.user__username} · ${period[1]}的客户`, "query_have_customer_detail_people",
                { query_user_id: row.user_id, days: this.rankingPeriod });
    },
    byInteraction(row) {
      const period = HUDONG_PERIODS.find((item) => item[2] === this.hudongPeriod);
      this.open(`${row.name} · ${period[1]}${this.hudongKind === "follow_num" ? "跟进" : "咨询"}的客户`,
                "query_hudong_have_customer_detail_people",
                { type: this.hudongKind === "follow_num" ? "follow" : "chat", query_user_id: row.user_id, days: this.hudongPeriod });
    },
    byForecast(bucket, row) {
      this.open(`${row.user__username} · 预计成交率 ${FORECASTS.find((item) => item[0] === bucket)[1]}`,
                "query_have_customer_detail_people", { query_user_id: row.user_id, expedted_pr: bucket });
    },
  },
};
import { createElementVNode as _createElementVNode, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, renderList as _renderList, Fragment as _Fragment, toDisplayString as _toDisplayString, vModelSelect as _vModelSelect, withDirectives as _withDirectives, resolveComponent as _resolveComponent, createVNode as _createVNode, createBlock as _createBlock, createTextVNode as _createTextVNode, withCtx as _withCtx } from "vue"

const _hoisted_1 = { class: "view boss" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = {
  key: 0,
  class: "card boss-blank",
  id: "boss-blank"
}
const _hoisted_4 = { class: "next-links" }
const _hoisted_5 = {
  key: 0,
  class: "button primary",
  href: "#/admin/users"
}
const _hoisted_6 = {
  key: 1,
  class: "card"
}
const _hoisted_7 = {
  class: "table overview",
  id: "boss-overview"
}
const _hoisted_8 = ["data-metric"]
const _hoisted_9 = ["data-period"]
const _hoisted_10 = {
  key: 2,
  class: "grid"
}
const _hoisted_11 = { class: "card wide" }
const _hoisted_12 = { class: "filters" }
const _hoisted_13 = ["value"]
const _hoisted_14 = ["disabled"]
const _hoisted_15 = ["value"]
const _hoisted_16 = { class: "card" }
const _hoisted_17 = { class: "card" }
const _hoisted_18 = {
  key: 3,
  class: "grid"
}
const _hoisted_19 = { class: "card" }
const _hoisted_20 = {
  class: "ranking",
  id: "boss-ranking"
}
const _hoisted_21 = ["onClick"]
const _hoisted_22 = { class: "grow" }
const _hoisted_23 = { class: "card" }
const _hoisted_24 = { class: "ranking" }
const _hoisted_25 = ["onClick"]
const _hoisted_26 = { class: "grow" }
const _hoisted_27 = { class: "card" }
const _hoisted_28 = { class: "ranking" }
const _hoisted_29 = ["onClick"]
const _hoisted_30 = { class: "grow" }
const _hoisted_31 = {
  key: 0,
  class: "muted small"
}
const _hoisted_32 = { class: "muted" }
const _hoisted_33 = {
  class: "list",
  id: "boss-drill"
}
const _hoisted_34 = { class: "grow" }
const _hoisted_35 = { class: "muted small" }
const _hoisted_36 = { key: 0 }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_chart = _resolveComponent("rw-chart")
  const _component_rw_tabs = _resolveComponent("rw-tabs")
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_modal = _resolveComponent("rw-modal")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    _createElementVNode("header", _hoisted_2, [
      _cache[7] || (_cache[7] = _createElementVNode("h2", null, "Boss 雷达", -1 /* CACHED */)),
      _createElementVNode("button", {
        onClick: _cache[0] || (_cache[0] = (...args) => ($options.load && $options.load(...args)))
      }, "刷新")
    ]),
    ($options.blank)
      ? (_openBlock(), _createElementBlock("div", _hoisted_3, [
          _cache[9] || (_cache[9] = _createElementVNode("h3", null, "还没有数据", -1 /* CACHED */)),
          _cache[10] || (_cache[10] = _createElementVNode("p", null, "这里的数字来自公司每位销售的雷达:", -1 /* CACHED */)),
          _cache[11] || (_cache[11] = _createElementVNode("ul", null, [
            _createElementVNode("li", null, "客户打开销售分享的名片、产品或文章:计入 客户总数、浏览名片、查看官网;"),
            _createElementVNode("li", null, "客户转发名片、保存电话、点「靠谱」、咨询产品:计入对应的数字;"),
            _createElementVNode("li", null, "销售在客户资料里写跟进记录、和客户聊天:计入 跟进次数、沟通客户。")
          ], -1 /* CACHED */)),
          _createElementVNode("p", _hoisted_4, [
            (_ctx.isAdmin)
              ? (_openBlock(), _createElementBlock("a", _hoisted_5, "管理 → 用户:添加销售"))
              : _createCommentVNode("v-if", true),
            _cache[8] || (_cache[8] = _createElementVNode("a", {
              class: "button",
              href: "#/card"
            }, "分享我的名片", -1 /* CACHED */))
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.overview)
      ? (_openBlock(), _createElementBlock("div", _hoisted_6, [
          _createElementVNode("table", _hoisted_7, [
            _createElementVNode("thead", null, [
              _createElementVNode("tr", null, [
                _cache[12] || (_cache[12] = _createElementVNode("th", null, null, -1 /* CACHED */)),
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.periods, ([key, name]) => {
                  return (_openBlock(), _createElementBlock("th", { key: key }, _toDisplayString(name), 1 /* TEXT */))
                }), 128 /* KEYED_FRAGMENT */))
              ])
            ]),
            _createElementVNode("tbody", null, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.metrics, ([metric, name]) => {
                return (_openBlock(), _createElementBlock("tr", {
                  key: metric,
                  "data-metric": metric
                }, [
                  _createElementVNode("th", null, _toDisplayString(name), 1 /* TEXT */),
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.periods, ([key]) => {
                    return (_openBlock(), _createElementBlock("td", {
                      key: key,
                      "data-period": key
                    }, _toDisplayString(_ctx.overview[key][metric]), 9 /* TEXT, PROPS */, _hoisted_9))
                  }), 128 /* KEYED_FRAGMENT */))
                ], 8 /* PROPS */, _hoisted_8))
              }), 128 /* KEYED_FRAGMENT */))
            ])
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.lines)
      ? (_openBlock(), _createElementBlock("div", _hoisted_10, [
          _createElementVNode("section", _hoisted_11, [
            _cache[13] || (_cache[13] = _createElementVNode("h3", null, "趋势", -1 /* CACHED */)),
            _createElementVNode("div", _hoisted_12, [
              _withDirectives(_createElementVNode("select", {
                "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => ((_ctx.line) = $event)),
                "aria-label": "指标"
              }, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.lineNames, ([key, name]) => {
                  return (_openBlock(), _createElementBlock("option", {
                    key: key,
                    value: key
                  }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_13))
                }), 128 /* KEYED_FRAGMENT */))
              ], 512 /* NEED_PATCH */), [
                [_vModelSelect, _ctx.line]
              ]),
              _withDirectives(_createElementVNode("select", {
                "onUpdate:modelValue": _cache[2] || (_cache[2] = $event => ((_ctx.window) = $event)),
                "aria-label": "时间",
                disabled: _ctx.line === 'index_type_4'
              }, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.windows, ([key, name]) => {
                  return (_openBlock(), _createElementBlock("option", {
                    key: key,
                    value: key
                  }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_15))
                }), 128 /* KEYED_FRAGMENT */))
              ], 8 /* PROPS */, _hoisted_14), [
                [_vModelSelect, _ctx.window]
              ])
            ]),
            _createVNode(_component_rw_chart, {
              option: $options.lineOption,
              height: "260px"
            }, null, 8 /* PROPS */, ["option"])
          ]),
          _createElementVNode("section", _hoisted_16, [
            _cache[14] || (_cache[14] = _createElementVNode("h3", null, "互动", -1 /* CACHED */)),
            _createVNode(_component_rw_chart, {
              option: $options.interactionOption,
              height: "220px"
            }, null, 8 /* PROPS */, ["option"])
          ]),
          _createElementVNode("section", _hoisted_17, [
            _cache[15] || (_cache[15] = _createElementVNode("h3", null, "客户在看什么", -1 /* CACHED */)),
            _createVNode(_component_rw_chart, {
              option: $options.viewOption,
              height: "220px"
            }, null, 8 /* PROPS */, ["option"])
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.ranking)
      ? (_openBlock(), _createElementBlock("div", _hoisted_18, [
          _createElementVNode("section", _hoisted_19, [
            _cache[16] || (_cache[16] = _createElementVNode("h3", null, "客户人数排行", -1 /* CACHED */)),
            _createVNode(_component_rw_tabs, {
              tabs: _ctx.rankingPeriods.map(([, name, days]) => [days, name]),
              modelValue: _ctx.rankingPeriod,
              "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => ((_ctx.rankingPeriod) = $event))
            }, null, 8 /* PROPS */, ["tabs", "modelValue"]),
            _createElementVNode("ol", _hoisted_20, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.rankingRows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.user_id,
                  onClick: $event => ($options.byPeople(row))
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.user__avatar,
                    size: 28
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("span", _hoisted_22, _toDisplayString(row.user__username), 1 /* TEXT */),
                  _createElementVNode("b", null, _toDisplayString(row.have_customer_num), 1 /* TEXT */)
                ], 8 /* PROPS */, _hoisted_21))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!$options.rankingRows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 0,
                  text: "这段时间还没有销售带来新客户。"
                }))
              : _createCommentVNode("v-if", true)
          ]),
          _createElementVNode("section", _hoisted_23, [
            _cache[17] || (_cache[17] = _createElementVNode("h3", null, "互动频率排行", -1 /* CACHED */)),
            _createVNode(_component_rw_tabs, {
              tabs: [['follow_num', '跟进'], ['consult_num', '咨询']],
              modelValue: _ctx.hudongKind,
              "onUpdate:modelValue": _cache[4] || (_cache[4] = $event => ((_ctx.hudongKind) = $event))
            }, null, 8 /* PROPS */, ["modelValue"]),
            _createVNode(_component_rw_tabs, {
              tabs: _ctx.hudongPeriods.map(([, name, days]) => [days, name]),
              modelValue: _ctx.hudongPeriod,
              "onUpdate:modelValue": _cache[5] || (_cache[5] = $event => ((_ctx.hudongPeriod) = $event))
            }, null, 8 /* PROPS */, ["tabs", "modelValue"]),
            _createElementVNode("ol", _hoisted_24, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.hudongRows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.user_id,
                  onClick: $event => ($options.byInteraction(row))
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.avatar,
                    size: 28
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("span", _hoisted_26, _toDisplayString(row.name), 1 /* TEXT */),
                  _createElementVNode("b", null, _toDisplayString(row.count), 1 /* TEXT */)
                ], 8 /* PROPS */, _hoisted_25))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!$options.hudongRows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 0,
                  text: _ctx.hudongKind === 'follow_num' ? '这段时间还没有跟进记录:销售在客户资料里记录跟进后计入。' : '这段时间还没有客户咨询。'
                }, null, 8 /* PROPS */, ["text"]))
              : _createCommentVNode("v-if", true)
          ]),
          _createElementVNode("section", _hoisted_27, [
            _cache[18] || (_cache[18] = _createElementVNode("h3", null, "预计成交率", -1 /* CACHED */)),
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.forecasts, ([bucket, name]) => {
              return (_openBlock(), _createElementBlock("div", { key: bucket }, [
                _createElementVNode("h4", null, _toDisplayString(name), 1 /* TEXT */),
                _createElementVNode("ol", _hoisted_28, [
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.forecast[bucket], (row) => {
                    return (_openBlock(), _createElementBlock("li", {
                      key: row.user_id,
                      onClick: $event => ($options.byForecast(bucket, row))
                    }, [
                      _createVNode(_component_rw_avatar, {
                        src: row.user__avatar,
                        size: 28
                      }, null, 8 /* PROPS */, ["src"]),
                      _createElementVNode("span", _hoisted_30, _toDisplayString(row.user__username), 1 /* TEXT */),
                      _createElementVNode("b", null, _toDisplayString(row.have_customer_num), 1 /* TEXT */)
                    ], 8 /* PROPS */, _hoisted_29))
                  }), 128 /* KEYED_FRAGMENT */))
                ]),
                (!_ctx.forecast[bucket].length)
                  ? (_openBlock(), _createElementBlock("p", _hoisted_31, "暂无"))
                  : _createCommentVNode("v-if", true)
              ]))
            }), 128 /* KEYED_FRAGMENT */))
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.drill)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 4,
          title: _ctx.drill.title,
          onClose: _cache[6] || (_cache[6] = $event => (_ctx.drill = null))
        }, {
          default: _withCtx(() => [
            _createElementVNode("p", _hoisted_32, _toDisplayString(_ctx.drill.count) + " 位客户", 1 /* TEXT */),
            _createElementVNode("ul", _hoisted_33, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.drill.rows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.customer_id
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.headimgurl
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("div", _hoisted_34, [
                    _createElementVNode("b", null, _toDisplayString(row.customer_username), 1 /* TEXT */),
                    _createElementVNode("p", _hoisted_35, [
                      _createTextVNode(_toDisplayString(row.customer_status), 1 /* TEXT */),
                      (row.expedted_pr)
                        ? (_openBlock(), _createElementBlock("span", _hoisted_36, " · 预计成交率 " + _toDisplayString(row.expedted_pr) + "%", 1 /* TEXT */))
                        : _createCommentVNode("v-if", true)
                    ])
                  ])
                ]))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!_ctx.drill.rows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 0,
                  text: "这里还没有客户。"
                }))
              : _createCommentVNode("v-if", true)
          ]),
          _: 1 /* STABLE */
        }, 8 /* PROPS */, ["title"]))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
