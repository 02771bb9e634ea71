/* The ECharts the workbench loads: only the charts and components its screens draw (Boss: line, bar,
   pie with tooltip, legend and grid; 文章脉络图: tree), on the canvas renderer. scripts/vendor-web
   bundles this with esbuild into static/vendor/echarts/echarts.js. A chart type or component
   added to a screen is added here. */
import { use, init, getInstanceByDom, format } from "echarts/core";
import { LineChart, BarChart, PieChart, TreeChart } from "echarts/charts";
import { GridComponent, TooltipComponent, LegendComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([LineChart, BarChart, PieChart, TreeChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { init, getInstanceByDom, format };
