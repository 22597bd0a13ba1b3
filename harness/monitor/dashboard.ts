/**
 * The monitor's dashboard: one self-contained HTML page (uPlot's script and stylesheet inlined from
 * node_modules, no CDN, no other request) served by the monitor. It connects to `/ws` on its own host,
 * reconnects by itself (backoff 0.25 s doubling to 5 s), and draws each snapshot: a health gauge, the
 * collateral figures, the positions with liquidation prices and the distance to them, spot balances, the
 * alert history and a chart of health over the session. Elements carry `data-*` values for tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let page: string | undefined;

export function dashboardHtml(): string {
  if (page) return page;
  const require = createRequire(import.meta.url);
  const js = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dnh monitor</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${css}</style>
<style>${STYLE}</style>
</head><body data-dnh-ready="0">
<header><h1>Drift account monitor</h1><span id="account"></span><span id="status" data-state="connecting">connecting…</span></header>
<main>
<section id="gauge-box"><h2>Health</h2>
<svg id="gauge" viewBox="0 0 200 120" width="220" height="132" data-health="">
<path d="M20 100 A80 80 0 0 1 180 100" class="track"/>
<path id="gauge-arc" d="M20 100 A80 80 0 0 1 180 100" class="arc" pathLength="100" stroke-dasharray="0 100"/>
<text id="health-value" x="100" y="95" text-anchor="middle">–</text>
</svg><div id="liquidatable" data-value=""></div></section>
<section id="figures"><h2>Collateral</h2><table>
<tr><th>Total collateral</th><td id="total-collateral" data-value=""></td></tr>
<tr><th>Free collateral</th><td id="free-collateral" data-value=""></td></tr>
<tr><th>Maintenance margin</th><td id="maintenance-margin" data-value=""></td></tr>
<tr><th>Initial margin</th><td id="initial-margin" data-value=""></td></tr>
<tr><th>Leverage</th><td id="leverage" data-value=""></td></tr>
<tr><th>Unrealised PnL</th><td id="upnl" data-value=""></td></tr>
</table><div id="error"></div></section>
<section id="chart-box"><h2>Health over the session</h2><div id="chart"></div></section>
<section id="positions-box"><h2>Positions</h2><table id="positions"><thead><tr>
<th>Market</th><th>Side</th><th>Size</th><th>Entry</th><th>Oracle</th><th>Liq. price</th><th>To liq.</th><th>Notional</th><th>Orders</th>
</tr></thead><tbody></tbody></table>
<h2>Spot balances</h2><table id="balances"><thead><tr><th>Asset</th><th>Amount</th><th>Price</th><th>Value</th></tr></thead><tbody></tbody></table></section>
<section id="alerts-box"><h2>Alerts</h2><ol id="alerts"></ol></section>
</main>
<script>${js}</script>
<script>${SCRIPT}</script>
</body></html>`;
  return page;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#10141a;color:#e6e6e6}
header{display:flex;gap:1.5em;align-items:baseline;padding:.6em 1em;background:#1a2029}
h1{font-size:1.2em;margin:0}h2{font-size:1em;margin:.2em 0 .5em;color:#9fb0c3}
main{display:grid;grid-template-columns:260px 1fr;gap:1em;padding:1em}
section{background:#1a2029;border-radius:6px;padding:.8em}
#positions-box,#chart-box{grid-column:2}#alerts-box{grid-column:1}
table{border-collapse:collapse;width:100%}td,th{padding:.2em .5em;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}#figures th{text-align:left;font-weight:normal;color:#9fb0c3}
.track{fill:none;stroke:#2c3542;stroke-width:16}.arc{fill:none;stroke-width:16;stroke:#3fb950}
#gauge[data-level=warning] .arc{stroke:#d29922}#gauge[data-level=critical] .arc{stroke:#f85149}
#health-value{font-size:34px;fill:#e6e6e6}
#status[data-state=open]{color:#3fb950}#status[data-state=closed]{color:#f85149}
.near{color:#f85149}.long{color:#3fb950}.short{color:#f0883e}
#alerts li.critical{color:#f85149}#alerts li.warning{color:#d29922}#error{color:#f85149}
`;

const SCRIPT = String.raw`
(function(){
var fmtUsd=function(x){return (x<0?'-$':'$')+Math.abs(x).toLocaleString('en-US',{minimumFractionDigits:2,maximumFractionDigits:2});};
var fmtPx=function(x){return x===null?'–':(x>=100?x.toFixed(2):x>=1?x.toFixed(4):x.toPrecision(4));};
var fmtPct=function(x){return x===null?'–':(x*100).toFixed(1)+'%';};
var el=function(id){return document.getElementById(id);};
var chart=null, series=[[],[]];
window.dnhSnapshots=0;
function setFig(id,v,text){var e=el(id);e.setAttribute('data-value',String(v));e.textContent=text;}
function draw(s){
  window.dnhLast=s;window.dnhSnapshots++;
  document.body.setAttribute('data-seq',String(s.seq));
  el('account').textContent=s.account.label+' · '+s.account.user;
  var f=s.figures;el('error').textContent=s.error||'';
  if(f){
    var g=el('gauge');g.setAttribute('data-health',String(f.health));
    g.setAttribute('data-level',f.health<20?'critical':f.health<50?'warning':'ok');
    el('gauge-arc').setAttribute('stroke-dasharray',f.health+' 100');
    el('health-value').textContent=String(f.health);
    var lq=el('liquidatable');lq.setAttribute('data-value',String(f.canBeLiquidated));lq.textContent=f.canBeLiquidated?'LIQUIDATABLE':'';
    setFig('total-collateral',f.totalCollateral,fmtUsd(f.totalCollateral));
    setFig('free-collateral',f.freeCollateral,fmtUsd(f.freeCollateral));
    setFig('maintenance-margin',f.maintenanceMarginRequirement,fmtUsd(f.maintenanceMarginRequirement));
    setFig('initial-margin',f.initialMarginRequirement,fmtUsd(f.initialMarginRequirement));
    setFig('leverage',f.leverage,f.leverage.toFixed(2)+'x');
    setFig('upnl',f.unrealizedPnl,fmtUsd(f.unrealizedPnl));
  }
  var rows=s.positions.map(function(p){
    var near=p.distanceToLiquidation!==null&&Math.abs(p.distanceToLiquidation)<0.1;
    return '<tr data-market="'+p.market+'" data-liq="'+(p.liquidationPrice===null?'':p.liquidationPrice)+'" data-distance="'+(p.distanceToLiquidation===null?'':p.distanceToLiquidation)+'">'+
      '<td>'+p.market+'</td><td class="'+p.side+'">'+p.side+'</td><td>'+p.size+'</td><td>'+fmtPx(p.entryPrice)+'</td><td>'+fmtPx(p.oraclePrice)+'</td>'+
      '<td>'+fmtPx(p.liquidationPrice)+'</td><td class="'+(near?'near':'')+'">'+fmtPct(p.distanceToLiquidation)+'</td><td>'+fmtUsd(p.notional)+'</td><td>'+p.openOrders+'</td></tr>';
  });
  document.querySelector('#positions tbody').innerHTML=rows.join('');
  document.querySelector('#balances tbody').innerHTML=s.balances.map(function(b){
    return '<tr data-market="'+b.market+'"><td>'+b.market+'</td><td>'+b.amount+'</td><td>'+fmtPx(b.oraclePrice)+'</td><td>'+fmtUsd(b.value)+'</td></tr>';}).join('');
  el('alerts').innerHTML=s.alertHistory.slice().reverse().map(function(a){
    return '<li class="'+a.level+'" data-level="'+a.level+'" data-health="'+a.health+'">'+new Date(a.time).toISOString().replace('T',' ').slice(0,19)+' '+a.level+': health '+a.health+' &lt; '+a.threshold+'</li>';}).join('');
  series=[s.healthHistory.map(function(p){return p[0]/1000;}),s.healthHistory.map(function(p){return p[1];})];
  var box=el('chart');
  if(!chart){chart=new uPlot({width:Math.max(300,box.clientWidth||600),height:200,scales:{y:{range:[0,100]}},
    series:[{},{label:'health',stroke:'#58a6ff',width:2}],axes:[{stroke:'#9fb0c3'},{stroke:'#9fb0c3'}]},series,box);window.dnhChart=chart;}
  else chart.setData(series);
  document.body.setAttribute('data-dnh-ready','1');
}
var retry=0;
function connect(){
  var st=el('status');st.setAttribute('data-state','connecting');st.textContent='connecting…';
  var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/ws');
  ws.onopen=function(){retry=0;st.setAttribute('data-state','open');st.textContent='live';};
  ws.onmessage=function(ev){var m;try{m=JSON.parse(ev.data);}catch(e){return;}
    if(m&&m.schema==='dnh-monitor'&&m.version===1&&m.type==='snapshot')draw(m);};
  ws.onclose=function(){st.setAttribute('data-state','closed');st.textContent='reconnecting…';
    var d=Math.min(5000,250*Math.pow(2,retry++));setTimeout(connect,d);};
  ws.onerror=function(){try{ws.close();}catch(e){}};
}
connect();
})();
`;
