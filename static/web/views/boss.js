/* Compiled from boss.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 813d9e2fb74764cc91418c270465186542344627fa10951e1133876a16f98035 */
/* Boss 雷达 (admins and Bosses): the company's numbers (累计, 今日, 昨日, 近7天, 近30天 and a chosen
   range; of everyone or one salesperson; 靠谱 as its likes and cancellations beside the net), the daily
   lines, the shares of what customers look at, the three rankings with the customers behind each (1.5
   by forecast or by AI 成交率, with what the AI stands on), exported; refetched when the radar socket
   says the numbers moved. */
import { auth, get, post, ROLE_ADMIN } from "../api.js";
import { today } from "../format.js";
import { live, on } from "../live.js";
import { attempt } from "../notices.js";
import Export from "../widgets/export.js";

const B = "/zhugeleida/boosleida/home_page";
const METRICS = [
  ["customer_num", "客户总数"], ["browse_num", "浏览名片"], ["follow_num", "跟进次数"], ["comm_num_of_customer", "沟通客户"],
  ["forward_num", "转发名片"], ["saved_total_num", "保存电话"], ["praise_num", "靠谱 (净)"], ["praise_like_num", "点靠谱", "sub"],
  ["praise_cancel_num", "取消靠谱", "sub"], ["query_product_num", "咨询产品"], ["view_website_num", "查看官网"],
];
const PERIODS = [["count_data", "累计"], ["today_data", "今日"], ["yesterday_data", "昨日"], ["nearly_seven_days", "近7天"],
  ["nearly_thirty_days", "近30天"]];
const MAX_RANGE_DAYS = 366;
const REFRESH_MS = 5000; // a busy company's stats pushes refetch at most this often
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
const BUCKET_BY = { expedted_pr: "预计成交率", ai_pr: "AI 成交率" };
const day = (text) => text.slice(5).replace("-", "/");

const _sfc_main = {
  components: { "rw-export": Export },
  data: () => ({
    overview: null, lines: null, line: "index_type_1", window: "nearly_seven_days", ranking: null, rankingPeriod: 0,
    hudong: null, hudongKind: "follow_num", hudongPeriod: 1, drill: null, by: "expedted_pr",
    buckets: { expedted_pr: null, ai_pr: null }, model: null, since: "", until: "", range: null, person: "", people: [],
    live, metrics: METRICS, lineNames: LINES, windows: WINDOWS, rankingPeriods: RANKING_PERIODS,
    hudongPeriods: HUDONG_PERIODS, forecasts: FORECASTS, bucketBy: BUCKET_BY, isAdmin: auth.session.role_id === ROLE_ADMIN,
  }),
  created() {
    this.load();
    // The numbers moved (a push without numbers): fetch again, a burst at most once per REFRESH_MS.
    this.off = on("stats", () => this.soon());
  },
  unmounted() {
    this.off();
    clearTimeout(this.refreshTimer);
  },
  computed: {
    // The overview's windows: the range asked for (once the server answered it) as a sixth column.
    periods() {
      if (!this.range) return PERIODS;
      return [...PERIODS, ["range_data", `${day(this.range.since)}–${day(this.range.until)}`]];
    },
    // The overview's and the export's parameters: the range asked for and the salesperson.
    filters() {
      return { ...this.range, query_user_id: this.person };
    },
    rangeProblem() {
      if (!this.since && this.until) return "请先选开始日期";
      if (!this.since) return "";
      const last = this.until || today();
      const days = (Date.parse(last) - Date.parse(this.since)) / 86400000 + 1;
      if (days < 1) return "开始日期不能晚于结束日期";
      return days > MAX_RANGE_DAYS ? `时间范围最多${MAX_RANGE_DAYS}天` : "";
    },
    personName() {
      const found = this.people.find((row) => String(row.user_id) === String(this.person));
      return found ? found.user__username : "";
    },
    // What the AI 成交率 stands on: the company's own fit, or the defaults and what they wait for.
    modelText() {
      const model = this.model;
      if (!model) return "";
      if (model.fit) return `按本公司${model.fit.won + model.fit.lost}个结果拟合 (AUC ${model.fit.auc})`;
      const needs = [[model.won, "成交"], [model.lost, "流失"]].filter(([marked]) => marked < model.min_outcomes)
        .map(([marked, name]) => `${model.min_outcomes - marked}个${name}`);
      return needs.length ? `默认权重,还需在客户资料里标记${needs.join("、")}的客户,才能按本公司的结果拟合`
        : "默认权重:成交和流失的客户已经够了,下次拟合后改用本公司的权重";
    },
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
  watch: {
    person() { this.loadOverview(); },
    by(value) {
      if (!this.buckets[value]) attempt(() => this.loadBuckets(value));
    },
  },
  methods: {
    async load() {
      await attempt(async () => {
        const [, lines, ranking, hudong, , model] = await Promise.all([
          this.fetchOverview(), get(`${B}/line_info`), get(`${B}/sales_ranking_customer_num`),
          get(`${B}/hudong_pinlv_customer_num`), this.loadBuckets(this.by), get(`${B}/ai_pr_model`),
        ]);
        this.lines = lines.ret_data;
        this.ranking = ranking.ret_data;
        this.people = ranking.ret_data.total_num_have_customer;
        this.hudong = hudong.ret_data;
        this.model = model.ret_data;
      });
    },
    async fetchOverview(range = this.range) {
      this.overview = (await get(`${B}/acount_data`, { ...range, query_user_id: this.person })).ret_data;
      this.range = range;
    },
    loadOverview(range) {
      return attempt(() => this.fetchOverview(range));
    },
    // The buckets shown; the other kind's are fetched again when next shown.
    async loadBuckets(by) {
      const data = (await get(`${B}/expect_chengjiaolv_customer_num`, { by })).ret_data;
      this.buckets = { expedted_pr: null, ai_pr: null, [by]: data };
    },
    // Leading and trailing: the first push refetches at once, later ones once the pause is over.
    soon() {
      if (this.refreshTimer) {
        this.pending = true;
        return;
      }
      this.load();
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        if (this.pending) {
          this.pending = false;
          this.soon();
        }
      }, REFRESH_MS);
    },
    applyRange() {
      if (!this.rangeProblem) this.loadOverview({ since: this.since, until: this.until || today() });
    },
    clearRange() {
      this.since = "";
      this.until = "";
      this.loadOverview(null);
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
      this.open(`${row.user__username} · ${BUCKET_BY[this.by]} ${FORECASTS.find((item) => item[0] === bucket)[1]}`,
                "query_have_customer_detail_people", { query_user_id: row.user_id, [this.by]: bucket });
    },
  },
};
import { createElementVNode as _createElementVNode, normalizeClass as _normalizeClass, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, toDisplayString as _toDisplayString, vModelSelect as _vModelSelect, withDirectives as _withDirectives, vModelText as _vModelText, createCommentVNode as _createCommentVNode, withModifiers as _withModifiers, resolveComponent as _resolveComponent, createVNode as _createVNode, createBlock as _createBlock, createTextVNode as _createTextVNode, withCtx as _withCtx } from "vue"

const _hoisted_1 = { class: "view boss" }
const _hoisted_2 = { class: "view-head" }
const _hoisted_3 = ["title"]
const _hoisted_4 = { class: "filters boss-filters" }
const _hoisted_5 = ["value"]
const _hoisted_6 = ["disabled"]
const _hoisted_7 = {
  key: 0,
  class: "error-text small",
  id: "boss-range-problem"
}
const _hoisted_8 = {
  key: 0,
  class: "card boss-blank",
  id: "boss-blank"
}
const _hoisted_9 = { class: "next-links" }
const _hoisted_10 = {
  key: 0,
  class: "button primary",
  href: "#/admin/users"
}
const _hoisted_11 = {
  key: 1,
  class: "card"
}
const _hoisted_12 = {
  key: 0,
  class: "muted small",
  id: "boss-person-note"
}
const _hoisted_13 = {
  class: "table overview",
  id: "boss-overview"
}
const _hoisted_14 = ["data-period"]
const _hoisted_15 = ["data-metric"]
const _hoisted_16 = ["data-period"]
const _hoisted_17 = {
  key: 2,
  class: "grid"
}
const _hoisted_18 = { class: "card wide" }
const _hoisted_19 = { class: "filters" }
const _hoisted_20 = ["value"]
const _hoisted_21 = ["disabled"]
const _hoisted_22 = ["value"]
const _hoisted_23 = { class: "card" }
const _hoisted_24 = { class: "card" }
const _hoisted_25 = {
  key: 3,
  class: "grid"
}
const _hoisted_26 = { class: "card" }
const _hoisted_27 = {
  class: "ranking",
  id: "boss-ranking"
}
const _hoisted_28 = ["onClick"]
const _hoisted_29 = { class: "grow" }
const _hoisted_30 = { class: "card" }
const _hoisted_31 = { class: "ranking" }
const _hoisted_32 = ["onClick"]
const _hoisted_33 = { class: "grow" }
const _hoisted_34 = {
  class: "card",
  id: "boss-buckets"
}
const _hoisted_35 = {
  key: 0,
  class: "muted small",
  id: "ai-pr-model"
}
const _hoisted_36 = {
  key: 1,
  class: "muted small"
}
const _hoisted_37 = ["data-bucket"]
const _hoisted_38 = { class: "ranking" }
const _hoisted_39 = ["onClick"]
const _hoisted_40 = { class: "grow" }
const _hoisted_41 = {
  key: 0,
  class: "muted small"
}
const _hoisted_42 = { class: "muted" }
const _hoisted_43 = {
  class: "list",
  id: "boss-drill"
}
const _hoisted_44 = { class: "grow" }
const _hoisted_45 = { class: "muted small" }
const _hoisted_46 = { key: 0 }
const _hoisted_47 = { key: 1 }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_export = _resolveComponent("rw-export")
  const _component_rw_chart = _resolveComponent("rw-chart")
  const _component_rw_tabs = _resolveComponent("rw-tabs")
  const _component_rw_avatar = _resolveComponent("rw-avatar")
  const _component_rw_empty = _resolveComponent("rw-empty")
  const _component_rw_modal = _resolveComponent("rw-modal")

  return (_openBlock(), _createElementBlock("section", _hoisted_1, [
    _createElementVNode("header", _hoisted_2, [
      _cache[13] || (_cache[13] = _createElementVNode("h2", null, "Boss 雷达", -1 /* CACHED */)),
      _createElementVNode("span", {
        class: _normalizeClass(["live-dot", _ctx.live.state]),
        title: _ctx.live.state === 'open' ? '数字变化时自动刷新' : '正在重连…'
      }, null, 10 /* CLASS, PROPS */, _hoisted_3),
      _cache[14] || (_cache[14] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
      _createElementVNode("button", {
        onClick: _cache[0] || (_cache[0] = (...args) => ($options.load && $options.load(...args))),
        id: "boss-refresh"
      }, "刷新")
    ]),
    _createElementVNode("div", _hoisted_4, [
      _withDirectives(_createElementVNode("select", {
        "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => ((_ctx.person) = $event)),
        "aria-label": "销售",
        id: "boss-person"
      }, [
        _cache[15] || (_cache[15] = _createElementVNode("option", { value: "" }, "全部销售", -1 /* CACHED */)),
        (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.people, (row) => {
          return (_openBlock(), _createElementBlock("option", {
            key: row.user_id,
            value: String(row.user_id)
          }, _toDisplayString(row.user__username), 9 /* TEXT, PROPS */, _hoisted_5))
        }), 128 /* KEYED_FRAGMENT */))
      ], 512 /* NEED_PATCH */), [
        [_vModelSelect, _ctx.person]
      ]),
      _createElementVNode("form", {
        class: "range",
        onSubmit: _cache[5] || (_cache[5] = _withModifiers((...args) => ($options.applyRange && $options.applyRange(...args)), ["prevent"]))
      }, [
        _withDirectives(_createElementVNode("input", {
          type: "date",
          "onUpdate:modelValue": _cache[2] || (_cache[2] = $event => ((_ctx.since) = $event)),
          id: "boss-since",
          "aria-label": "开始日期"
        }, null, 512 /* NEED_PATCH */), [
          [_vModelText, _ctx.since]
        ]),
        _cache[16] || (_cache[16] = _createElementVNode("span", null, "至", -1 /* CACHED */)),
        _withDirectives(_createElementVNode("input", {
          type: "date",
          "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => ((_ctx.until) = $event)),
          id: "boss-until",
          "aria-label": "结束日期",
          placeholder: '今天'
        }, null, 512 /* NEED_PATCH */), [
          [_vModelText, _ctx.until]
        ]),
        _createElementVNode("button", {
          disabled: !_ctx.since || Boolean($options.rangeProblem),
          id: "boss-range"
        }, "查看这段时间", 8 /* PROPS */, _hoisted_6),
        (_ctx.range)
          ? (_openBlock(), _createElementBlock("button", {
              key: 0,
              type: "button",
              class: "link",
              onClick: _cache[4] || (_cache[4] = (...args) => ($options.clearRange && $options.clearRange(...args)))
            }, "清除"))
          : _createCommentVNode("v-if", true)
      ], 32 /* NEED_HYDRATION */),
      ($options.rangeProblem)
        ? (_openBlock(), _createElementBlock("span", _hoisted_7, _toDisplayString($options.rangeProblem), 1 /* TEXT */))
        : _createCommentVNode("v-if", true),
      _cache[17] || (_cache[17] = _createElementVNode("span", { class: "grow" }, null, -1 /* CACHED */)),
      _createVNode(_component_rw_export, {
        kind: "boss",
        query: $options.filters,
        label: "导出销售报表"
      }, null, 8 /* PROPS */, ["query"])
    ]),
    ($options.blank)
      ? (_openBlock(), _createElementBlock("div", _hoisted_8, [
          _cache[19] || (_cache[19] = _createElementVNode("h3", null, "还没有数据", -1 /* CACHED */)),
          _cache[20] || (_cache[20] = _createElementVNode("p", null, "这里的数字来自公司每位销售的雷达:", -1 /* CACHED */)),
          _cache[21] || (_cache[21] = _createElementVNode("ul", null, [
            _createElementVNode("li", null, "客户打开销售分享的名片、产品或文章:计入 客户总数、浏览名片、查看官网;"),
            _createElementVNode("li", null, "客户转发名片、保存电话、点「靠谱」、咨询产品:计入对应的数字;"),
            _createElementVNode("li", null, "销售在客户资料里写跟进记录、和客户聊天:计入 跟进次数、沟通客户。")
          ], -1 /* CACHED */)),
          _createElementVNode("p", _hoisted_9, [
            (_ctx.isAdmin)
              ? (_openBlock(), _createElementBlock("a", _hoisted_10, "管理 → 用户:添加销售"))
              : _createCommentVNode("v-if", true),
            _cache[18] || (_cache[18] = _createElementVNode("a", {
              class: "button",
              href: "#/card"
            }, "分享我的名片", -1 /* CACHED */))
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.overview)
      ? (_openBlock(), _createElementBlock("div", _hoisted_11, [
          (_ctx.person)
            ? (_openBlock(), _createElementBlock("p", _hoisted_12, _toDisplayString($options.personName) + " 一个人的数字 (客户总数:新建立联系的客户)", 1 /* TEXT */))
            : _createCommentVNode("v-if", true),
          _createElementVNode("table", _hoisted_13, [
            _createElementVNode("thead", null, [
              _createElementVNode("tr", null, [
                _cache[22] || (_cache[22] = _createElementVNode("th", null, null, -1 /* CACHED */)),
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.periods, ([key, name]) => {
                  return (_openBlock(), _createElementBlock("th", {
                    key: key,
                    "data-period": key
                  }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_14))
                }), 128 /* KEYED_FRAGMENT */))
              ])
            ]),
            _createElementVNode("tbody", null, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.metrics, ([metric, name, sub]) => {
                return (_openBlock(), _createElementBlock("tr", {
                  key: metric,
                  "data-metric": metric,
                  class: _normalizeClass({sub})
                }, [
                  _createElementVNode("th", null, _toDisplayString(name), 1 /* TEXT */),
                  (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.periods, ([key]) => {
                    return (_openBlock(), _createElementBlock("td", {
                      key: key,
                      "data-period": key
                    }, _toDisplayString(_ctx.overview[key][metric]), 9 /* TEXT, PROPS */, _hoisted_16))
                  }), 128 /* KEYED_FRAGMENT */))
                ], 10 /* CLASS, PROPS */, _hoisted_15))
              }), 128 /* KEYED_FRAGMENT */))
            ])
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.lines)
      ? (_openBlock(), _createElementBlock("div", _hoisted_17, [
          _createElementVNode("section", _hoisted_18, [
            _cache[23] || (_cache[23] = _createElementVNode("h3", null, "趋势", -1 /* CACHED */)),
            _createElementVNode("div", _hoisted_19, [
              _withDirectives(_createElementVNode("select", {
                "onUpdate:modelValue": _cache[6] || (_cache[6] = $event => ((_ctx.line) = $event)),
                "aria-label": "指标"
              }, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.lineNames, ([key, name]) => {
                  return (_openBlock(), _createElementBlock("option", {
                    key: key,
                    value: key
                  }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_20))
                }), 128 /* KEYED_FRAGMENT */))
              ], 512 /* NEED_PATCH */), [
                [_vModelSelect, _ctx.line]
              ]),
              _withDirectives(_createElementVNode("select", {
                "onUpdate:modelValue": _cache[7] || (_cache[7] = $event => ((_ctx.window) = $event)),
                "aria-label": "时间",
                disabled: _ctx.line === 'index_type_4'
              }, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.windows, ([key, name]) => {
                  return (_openBlock(), _createElementBlock("option", {
                    key: key,
                    value: key
                  }, _toDisplayString(name), 9 /* TEXT, PROPS */, _hoisted_22))
                }), 128 /* KEYED_FRAGMENT */))
              ], 8 /* PROPS */, _hoisted_21), [
                [_vModelSelect, _ctx.window]
              ])
            ]),
            _createVNode(_component_rw_chart, {
              option: $options.lineOption,
              height: "260px"
            }, null, 8 /* PROPS */, ["option"])
          ]),
          _createElementVNode("section", _hoisted_23, [
            _cache[24] || (_cache[24] = _createElementVNode("h3", null, "互动", -1 /* CACHED */)),
            _createVNode(_component_rw_chart, {
              option: $options.interactionOption,
              height: "220px"
            }, null, 8 /* PROPS */, ["option"])
          ]),
          _createElementVNode("section", _hoisted_24, [
            _cache[25] || (_cache[25] = _createElementVNode("h3", null, "客户在看什么", -1 /* CACHED */)),
            _createVNode(_component_rw_chart, {
              option: $options.viewOption,
              height: "220px"
            }, null, 8 /* PROPS */, ["option"])
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.ranking)
      ? (_openBlock(), _createElementBlock("div", _hoisted_25, [
          _createElementVNode("section", _hoisted_26, [
            _cache[26] || (_cache[26] = _createElementVNode("h3", null, "客户人数排行", -1 /* CACHED */)),
            _createVNode(_component_rw_tabs, {
              tabs: _ctx.rankingPeriods.map(([, name, days]) => [days, name]),
              modelValue: _ctx.rankingPeriod,
              "onUpdate:modelValue": _cache[8] || (_cache[8] = $event => ((_ctx.rankingPeriod) = $event))
            }, null, 8 /* PROPS */, ["tabs", "modelValue"]),
            _createElementVNode("ol", _hoisted_27, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.rankingRows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.user_id,
                  onClick: $event => ($options.byPeople(row))
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.user__avatar,
                    size: 28
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("span", _hoisted_29, _toDisplayString(row.user__username), 1 /* TEXT */),
                  _createElementVNode("b", null, _toDisplayString(row.have_customer_num), 1 /* TEXT */)
                ], 8 /* PROPS */, _hoisted_28))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!$options.rankingRows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 0,
                  text: "这段时间还没有销售带来新客户。"
                }))
              : _createCommentVNode("v-if", true)
          ]),
          _createElementVNode("section", _hoisted_30, [
            _cache[27] || (_cache[27] = _createElementVNode("h3", null, "互动频率排行", -1 /* CACHED */)),
            _createVNode(_component_rw_tabs, {
              tabs: [['follow_num', '跟进'], ['consult_num', '咨询']],
              modelValue: _ctx.hudongKind,
              "onUpdate:modelValue": _cache[9] || (_cache[9] = $event => ((_ctx.hudongKind) = $event))
            }, null, 8 /* PROPS */, ["modelValue"]),
            _createVNode(_component_rw_tabs, {
              tabs: _ctx.hudongPeriods.map(([, name, days]) => [days, name]),
              modelValue: _ctx.hudongPeriod,
              "onUpdate:modelValue": _cache[10] || (_cache[10] = $event => ((_ctx.hudongPeriod) = $event))
            }, null, 8 /* PROPS */, ["tabs", "modelValue"]),
            _createElementVNode("ol", _hoisted_31, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($options.hudongRows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.user_id,
                  onClick: $event => ($options.byInteraction(row))
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.avatar,
                    size: 28
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("span", _hoisted_33, _toDisplayString(row.name), 1 /* TEXT */),
                  _createElementVNode("b", null, _toDisplayString(row.count), 1 /* TEXT */)
                ], 8 /* PROPS */, _hoisted_32))
              }), 128 /* KEYED_FRAGMENT */))
            ]),
            (!$options.hudongRows.length)
              ? (_openBlock(), _createBlock(_component_rw_empty, {
                  key: 0,
                  text: _ctx.hudongKind === 'follow_num' ? '这段时间还没有跟进记录:销售在客户资料里记录跟进后计入。' : '这段时间还没有客户咨询。'
                }, null, 8 /* PROPS */, ["text"]))
              : _createCommentVNode("v-if", true)
          ]),
          _createElementVNode("section", _hoisted_34, [
            _cache[28] || (_cache[28] = _createElementVNode("h3", null, "成交率分布", -1 /* CACHED */)),
            _createVNode(_component_rw_tabs, {
              tabs: Object.entries(_ctx.bucketBy),
              modelValue: _ctx.by,
              "onUpdate:modelValue": _cache[11] || (_cache[11] = $event => ((_ctx.by) = $event))
            }, null, 8 /* PROPS */, ["tabs", "modelValue"]),
            (_ctx.by === 'ai_pr')
              ? (_openBlock(), _createElementBlock("p", _hoisted_35, [
                  _createTextVNode("AI 成交率根据客户的行为计算:" + _toDisplayString($options.modelText), 1 /* TEXT */),
                  (_ctx.model && !_ctx.model.fit)
                    ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                        _createTextVNode(" (已标记 成交 " + _toDisplayString(_ctx.model.won) + " · 流失 " + _toDisplayString(_ctx.model.lost) + ")", 1 /* TEXT */)
                      ], 64 /* STABLE_FRAGMENT */))
                    : _createCommentVNode("v-if", true)
                ]))
              : (_openBlock(), _createElementBlock("p", _hoisted_36, "销售在客户资料里填写的预计成交率。")),
            (_ctx.buckets[_ctx.by])
              ? (_openBlock(true), _createElementBlock(_Fragment, { key: 2 }, _renderList(_ctx.forecasts, ([bucket, name]) => {
                  return (_openBlock(), _createElementBlock("div", {
                    key: bucket,
                    "data-bucket": bucket
                  }, [
                    _createElementVNode("h4", null, _toDisplayString(name), 1 /* TEXT */),
                    _createElementVNode("ol", _hoisted_38, [
                      (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.buckets[_ctx.by][bucket], (row) => {
                        return (_openBlock(), _createElementBlock("li", {
                          key: row.user_id,
                          onClick: $event => ($options.byForecast(bucket, row))
                        }, [
                          _createVNode(_component_rw_avatar, {
                            src: row.user__avatar,
                            size: 28
                          }, null, 8 /* PROPS */, ["src"]),
                          _createElementVNode("span", _hoisted_40, _toDisplayString(row.user__username), 1 /* TEXT */),
                          _createElementVNode("b", null, _toDisplayString(row.have_customer_num), 1 /* TEXT */)
                        ], 8 /* PROPS */, _hoisted_39))
                      }), 128 /* KEYED_FRAGMENT */))
                    ]),
                    (!_ctx.buckets[_ctx.by][bucket].length)
                      ? (_openBlock(), _createElementBlock("p", _hoisted_41, "暂无"))
                      : _createCommentVNode("v-if", true)
                  ], 8 /* PROPS */, _hoisted_37))
                }), 128 /* KEYED_FRAGMENT */))
              : _createCommentVNode("v-if", true)
          ])
        ]))
      : _createCommentVNode("v-if", true),
    (_ctx.drill)
      ? (_openBlock(), _createBlock(_component_rw_modal, {
          key: 4,
          title: _ctx.drill.title,
          onClose: _cache[12] || (_cache[12] = $event => (_ctx.drill = null))
        }, {
          default: _withCtx(() => [
            _createElementVNode("p", _hoisted_42, _toDisplayString(_ctx.drill.count) + " 位客户", 1 /* TEXT */),
            _createElementVNode("ul", _hoisted_43, [
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.drill.rows, (row) => {
                return (_openBlock(), _createElementBlock("li", {
                  key: row.customer_id
                }, [
                  _createVNode(_component_rw_avatar, {
                    src: row.headimgurl
                  }, null, 8 /* PROPS */, ["src"]),
                  _createElementVNode("div", _hoisted_44, [
                    _createElementVNode("b", null, _toDisplayString(row.customer_username), 1 /* TEXT */),
                    _createElementVNode("p", _hoisted_45, [
                      _createTextVNode(_toDisplayString(row.customer_status), 1 /* TEXT */),
                      (row.expedted_pr !== null && row.expedted_pr !== undefined)
                        ? (_openBlock(), _createElementBlock("span", _hoisted_46, " · 预计成交率 " + _toDisplayString(row.expedted_pr) + "%", 1 /* TEXT */))
                        : _createCommentVNode("v-if", true),
                      (row.ai_pr)
                        ? (_openBlock(), _createElementBlock("span", _hoisted_47, " · AI 成交率 " + _toDisplayString(row.ai_pr) + "%", 1 /* TEXT */))
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
