// The entry of bantin's trimmed ECharts bundle (scripts/echarts-bundle).
//
// It registers only what bantin draws, so a chart page loads a fraction of
// the full dist/echarts.min.js. What each import is for:
//   LineChart, BarChart, PieChart  the series types internal/chart emits
//                                  (line, bar and stacked bar, donut = pie)
//   GridComponent                  the cartesian axes of line and bar charts
//   TooltipComponent               the axis and item tooltips
//   LegendComponent                the legend (plain and scrolling)
//   TitleComponent                 the option carries "title": {} (go-echarts)
//   AriaComponent                  the generated description for screen readers
//   MarkLineComponent              the dashed target line
//   SVGRenderer                    charts.js draws with renderer: "svg"; it also
//                                  gives getDataURL() (an SVG data URL) and
//                                  renderToSVGString() for downloads
//   CanvasRenderer                 a chart started with renderer: "canvas" gives
//                                  getDataURL({type: "png"}) for a PNG download
// Adding a chart type or component to internal/chart means adding it here
// and running `go generate ./scripts/echarts-bundle` (the test in that
// directory fails until the bundle is rebuilt).
import { use } from "echarts/core";
import { LineChart, BarChart, PieChart } from "echarts/charts";
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  MarkLineComponent,
} from "echarts/components";
import { SVGRenderer, CanvasRenderer } from "echarts/renderers";

use([
  LineChart,
  BarChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  MarkLineComponent,
  SVGRenderer,
  CanvasRenderer,
]);

// The global `echarts` (charts.js calls echarts.init and echarts.format)
// is the same API as the full build's core.
export * from "echarts/core";
