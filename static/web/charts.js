/* Charts. ECharts is loaded when the first chart is shown: a build with only the charts the
   screens draw (static/vendor/echarts/echarts.js, made by scripts/vendor-web).
   ECharts puts tooltips into the page as HTML, so a tooltip formatter here returns plain text
   (lines separated by "\n") and textTooltips escapes it: a customer's name stays a name. */
import { ApiError } from "./api.js";

let loading = null;

export function loadECharts() {
  if (!loading) {
    loading = import("echarts").catch(() => {
      loading = null;
      throw new ApiError(0, "图表组件加载失败,请刷新重试");
    });
  }
  return loading;
}

function escaped(tooltip, encodeHTML) {
  if (!tooltip || typeof tooltip.formatter !== "function") return tooltip;
  const text = tooltip.formatter;
  return { ...tooltip, formatter: (...args) => encodeHTML(String(text(...args))).replace(/\n/g, "<br>") };
}

// The option with every function formatter of its tooltips (the chart's and each series') escaped.
// String templates ("{b}: {c}") and the default tooltips are escaped by ECharts itself.
export function textTooltips(option, encodeHTML) {
  return {
    ...option,
    tooltip: escaped(option.tooltip, encodeHTML),
    series: (option.series || []).map((series) => ({ ...series, tooltip: escaped(series.tooltip, encodeHTML) })),
  };
}
