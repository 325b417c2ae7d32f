import json, os, shutil
ROOT=os.path.dirname(os.path.abspath(__file__))
SITES=os.path.join(ROOT,'sites'); API=os.path.join(ROOT,'api')
shutil.rmtree(SITES,ignore_errors=True); shutil.rmtree(API,ignore_errors=True)
os.makedirs(SITES); os.makedirs(API)
# technology -> (head/body snippet, headers, cookies, dns)
SN={
 "Shopify":('<script src="https://cdn.shopify.com/s/files/1/0012/3456/t/4/assets/theme.js?v=1723"></script>\n<script>window.Shopify = window.Shopify || {}; Shopify.theme = {"name":"Dawn","id":1234};</script>',{"x-shopid":"5512839"},{"_shopify_y":"a1b2c3"},None),
 "Magento":('<script type="text/x-magento-init">{"*":{"Magento_Ui/js/core/app":{}}}</script>\n<script src="/static/version1700000000/frontend/Acme/default/en_US/requirejs/require.js"></script>\n<div data-mage-init=\'{"menu":{}}\'></div>',{"x-powered-by":"PHP/8.2.12"},{"mage-cache-storage":"{}"},None),
 "Salesforce Commerce Cloud":('<script src="/on/demandware.static/Sites-Harbor-Site/-/en_US/v1700000000/js/main.js"></script>',{},{"dwsid":"xyz"},None),
 "BigCommerce":('<script src="https://cdn11.bigcommerce.com/s-abc123/stencil/theme.js"></script>\n<script>var BCData = {"product_attributes":{}};</script>',{},{},None),
 "WooCommerce":('<link rel="stylesheet" href="/wp-content/plugins/woocommerce/assets/css/woocommerce.css?ver=8.4.0">\n<script src="/wp-content/plugins/woocommerce/assets/js/frontend/woocommerce.min.js?ver=8.4.0"></script>',{},{},None),
 "WordPress":('<meta name="generator" content="WordPress 6.4.2">\n<link rel="stylesheet" href="/wp-content/themes/astra/style.css?ver=4.5">',{"x-powered-by":"PHP/8.1.27"},{},None),
 "Drupal":('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">\n<script src="/core/misc/drupal.js?v=10.1.6"></script>',{"x-generator":"Drupal 10 (https://www.drupal.org)"},{},None),
 "Adobe Experience Manager":('<script src="/etc.clientlibs/site/clientlibs/clientlib-base.min.js"></script>\n<img src="/content/dam/site/hero.jpg" alt="">',{},{},None),
 "Sitecore":('<img src="/-/media/project/site/hero.jpg" alt="">',{"x-powered-by":"ASP.NET","x-aspnet-version":"4.0.30319"},{"sc_analytics_global_cookie":"abc"},None),
 "Contentful":('<img src="https://images.ctfassets.net/abc123/hero/abcd/hero.jpg?w=1200" alt="">',{},{},None),
 "Webflow":('<meta content="Webflow" name="generator">\n<html data-wf-page="65a1" data-wf-site="65a0"></html>',{},{},None),
 "HubSpot CMS":('<meta name="generator" content="HubSpot">\n<img src="https://www.example-cdn.com/hubfs/hero.png" alt="">',{"x-hs-hub-id":"4412345"},{},None),
 "Algolia":('<script src="https://cdn.jsdelivr.net/npm/algoliasearch@4.22.1/dist/algoliasearch-lite.umd.js"></script>\n<script src="https://cdn.jsdelivr.net/npm/instantsearch.js@4.63.0/dist/instantsearch.production.min.js"></script>\n<div id="searchbox" data-algolia-app-id="LATENCY"></div>',{},{},None),
 "Coveo":('<script src="https://static.cloud.coveo.com/searchui/v2.10116/js/CoveoJsSearch.Lazy.min.js"></script>\n<div id="search" class="CoveoSearchInterface"></div>',{},{},None),
 "Bloomreach Discovery":('<script src="https://cdns.brsrvr.com/v1/br-trk-6412.js"></script>\n<script>var br_data = br_data || {}; br_data.acct_id = "6412";</script>',{},{},None),
 "Constructor.io":('<script src="https://cnstrc.com/js/cust/driftwood_abc.js"></script>\n<input data-cnstrc-search-form type="search">',{},{},None),
 "Klevu":('<script src="https://js.klevu.com/core/v2/klevu.js"></script>\n<script>var klevu_apiKey = "klevu-1700";</script>',{},{},None),
 "Searchspring":('<script src="https://snapui.searchspring.io/k8h2ab/bundle.js"></script>',{},{},None),
 "Elasticsearch":('<form class="site-search" data-elasticsearch-endpoint="/api/search"></form>',{"x-elastic-product":"Elasticsearch"},{},None),
 "Yext Answers":('<script src="https://assets.sitescdn.net/answers/v1.17/answers.min.js"></script>\n<script>ANSWERS.init({ apiKey: "x", experienceKey: "site" });</script>',{},{},None),
 "Lucidworks Fusion":('<div class="lw-search-box" data-lucidworks="fusion"></div>',{},{},None),
 "Google Tag Manager":('<script>(function(w,d,s,l,i){w[l]=w[l]||[];var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src=\'https://www.googletagmanager.com/gtm.js?id=\'+i;f.parentNode.insertBefore(j,f);})(window,document,\'script\',\'dataLayer\',\'GTM-K9X2P\');</script>\n<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-K9X2P" height="0" width="0"></iframe></noscript>',{},{},None),
 "Google Analytics 4":('<script async src="https://www.googletagmanager.com/gtag/js?id=G-7QX1ZP"></script>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag(\'js\', new Date());gtag(\'config\', \'G-7QX1ZP\');</script>',{},{"_ga":"GA1.1.123"},None),
 "Adobe Analytics":('<script src="/assets/js/AppMeasurement.min.js"></script>',{},{"s_cc":"true"},None),
 "Tealium iQ":('<script src="https://tags.tiqcdn.com/utag/harbor/main/prod/utag.js"></script>\n<script>var utag_data = {page_type:"home"};</script>',{},{},None),
 "Adobe Experience Platform Launch":('<script src="https://assets.adobedtm.com/abc123/def456/launch-7f8e9d.min.js"></script>',{},{},None),
 "Segment":('<script>!function(){var analytics=window.analytics=window.analytics||[];analytics.load("wK3pTsEGm2");}();</script>\n<script src="https://cdn.segment.com/analytics.js/v1/wK3pTsEGm2/analytics.min.js"></script>',{},{},None),
 "mParticle":('<script src="https://jssdkcdns.mparticle.com/js/v2/us1-abc/mparticle.js"></script>',{},{},None),
 "Optimizely Web Experimentation":('<script src="https://cdn.optimizely.com/js/21034567890.js"></script>',{},{},None),
 "VWO":('<script>window._vwo_code = window._vwo_code || (function(){ return {}; })();</script>\n<script src="https://dev.visualwebsiteoptimizer.com/j.php?a=712345"></script>',{},{},None),
 "Dynamic Yield":('<script src="https://cdn.dynamicyield.com/api/8771234/api_dynamic.js"></script>',{},{"_dyid":"-123"},None),
 "Adobe Target":('<script src="/assets/js/at.js/2.11.4/at.js"></script>',{},{},None),
 "Intercom":('<script>window.intercomSettings = {app_id: "q8z1x2"};</script>\n<script src="https://widget.intercom.io/widget/q8z1x2"></script>',{},{},None),
 "Drift":('<script src="https://js.driftt.com/include/1700000000/abc123.js"></script>',{},{},None),
 "Zendesk Chat":('<script id="ze-snippet" src="https://static.zdassets.com/ekr/snippet.js?key=abc-123"></script>',{},{},None),
 "LivePerson":('<script src="https://lptag.liveperson.net/tag/tag.js?site=12345678"></script>',{},{},None),
 "Qualified":('<script src="https://js.qualified.com/qualified.js?token=abc"></script>',{},{},None),
 "HubSpot":('<script id="hs-script-loader" async defer src="//js.hs-scripts.com/4412345.js"></script>',{},{"hubspotutk":"abc"},None),
 "Marketo":('<script src="https://munchkin.marketo.net/munchkin.js"></script>\n<script>Munchkin.init(\'123-ABC-456\');</script>',{},{"_mkto_trk":"id:123"},None),
 "Pardot":('<script>piAId = \'912345\'; piCId = \'1234\';</script>\n<script src="https://pi.pardot.com/pd.js"></script>',{},{},None),
 "Klaviyo":('<script src="https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=Xy12Ab"></script>',{},{},None),
 "Eloqua":('<script src="https://img.en25.com/i/elqCfg.min.js"></script>',{},{},None),
 "Cloudflare":('',{"server":"cloudflare","cf-ray":"8a1b2c3d4e5f-LHR"},{"__cf_bm":"abc"},None),
 "Akamai":('',{"x-akamai-transformed":"9 - 0 pmb=mRUM,1"},{},None),
 "Fastly":('',{"x-served-by":"cache-lhr7342-LHR","x-fastly-request-id":"abc123"},{},None),
 "Amazon CloudFront":('',{"x-amz-cf-id":"abc==","x-amz-cf-pop":"LHR62-C1","via":"1.1 abc.cloudfront.net (CloudFront)"},{},None),
 "Vercel":('',{"x-vercel-id":"lhr1::abc","server":"Vercel","x-vercel-cache":"HIT"},{},None),
 "Netlify":('',{"x-nf-request-id":"01HABC","server":"Netlify"},{},None),
 "WP Engine":('',{"x-powered-by":"WP Engine","wpe-backend":"apache"},{},None),
 "Next.js":('<script src="/_next/static/chunks/main-5c8e.js" defer></script>\n<script id="__NEXT_DATA__" type="application/json">{"props":{},"page":"/"}</script>',{"x-powered-by":"Next.js"},{},None),
 "Nuxt.js":('<div id="__nuxt"></div>\n<script>window.__NUXT__={config:{}}</script>\n<script src="/_nuxt/entry.3b1c.js"></script>',{},{},None),
 "Angular":('<app-root ng-version="17.0.8"></app-root>',{},{},None),
 "Gatsby":('<meta name="generator" content="Gatsby 5.12.4">\n<div id="___gatsby"></div>',{},{},None),
 "React":('<script src="https://unpkg.com/react@18.2.0/umd/react.production.min.js"></script>',{},{},None),
 "Vue.js":('<script src="https://unpkg.com/vue@3.3.11/dist/vue.global.prod.js"></script>',{},{},None),
 "jQuery":('<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>',{},{},None),
 "Bootstrap":('<link rel="stylesheet" href="/css/bootstrap.min.css">\n<script src="/js/bootstrap.bundle.min.js"></script>',{},{},None),
 "Stripe":('<script src="https://js.stripe.com/v3/"></script>',{},{},None),
 "PayPal":('<script src="https://www.paypal.com/sdk/js?client-id=abc&currency=USD"></script>',{},{},None),
 "Klarna":('<script src="https://x.klarnacdn.net/kp/lib/v1/api.js"></script>\n<klarna-placement data-key="credit-promotion-badge"></klarna-placement>',{},{},None),
 "Adyen":('<script src="https://checkoutshopper-live.adyen.com/checkoutshopper/sdk/5.53.2/adyen.js"></script>',{},{},None),
 "Affirm":('<script src="https://cdn1.affirm.com/js/v2/affirm.js"></script>',{},{},None),
 "OneTrust":('<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="abc-123"></script>\n<script>function OptanonWrapper() { }</script>',{},{},None),
 "Cookiebot":('<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="abc"></script>',{},{},None),
 "TrustArc":('<script src="https://consent.trustarc.com/notice?domain=site.com&c=teconsent"></script>',{},{},None),
 "Usercentrics":('<script src="https://app.usercentrics.eu/browser-ui/latest/loader.js" data-settings-id="abc"></script>',{},{},None),
 "Hotjar":('<script>(function(h,o,t,j,a,r){h._hjSettings={hjid:3512345,hjsv:6};})(window,document,\'https://static.hotjar.com/c/hotjar-\',\'.js?sv=\');</script>\n<script src="https://static.hotjar.com/c/hotjar-3512345.js?sv=6"></script>',{},{},None),
 "FullStory":('<script>window[\'_fs_org\'] = \'o-1ABC\';</script>\n<script src="https://edge.fullstory.com/s/fs.js"></script>',{},{},None),
 "Meta Pixel":('<script src="https://connect.facebook.net/en_US/fbevents.js"></script>\n<script>fbq(\'init\', \'123456789\');</script>',{},{},None),
 "LinkedIn Insight Tag":('<script>_linkedin_partner_id = "1234567";</script>\n<script src="https://snap.licdn.com/li.lms-analytics/insight.min.js"></script>',{},{},None),
 "6sense":('<script src="https://j.6sc.co/6si.min.js"></script>',{},{},None),
 "Demandbase":('<script src="https://tag.demandbase.com/abc123.min.js"></script>',{},{},None),
 "Yotpo":('<script src="https://staticw2.yotpo.com/abc123/widget.js"></script>',{},{},None),
 "Trustpilot":('<script src="https://widget.trustpilot.com/bootstrap/v5/tp.widget.bootstrap.min.js"></script>\n<div class="trustpilot-widget" data-locale="en-US"></div>',{},{},None),
 "Google Workspace":('',{},{},{"MX":["1 aspmx.l.google.com.","5 alt1.aspmx.l.google.com."],"TXT":["v=spf1 include:_spf.google.com ~all"]}),
 "Microsoft 365":('',{},{},{"MX":["0 site-com.mail.protection.outlook.com."],"TXT":["v=spf1 include:spf.protection.outlook.com -all","MS=ms12345678"]}),
 "Nginx":('',{"server":"nginx/1.25.3"},{},None),
 "Microsoft IIS":('',{"server":"Microsoft-IIS/10.0"},{},None),
 "Apache HTTP Server":('',{"server":"Apache/2.4.58"},{},None),
}
COMPANIES=[
 # host, name, industry, city, country, founded, employees, description, stack, ats(kind,token), ticker, feed type
 ("acme-outdoor.test","Acme Outdoor Supply","Retail","Denver","US",1998,"1,001-5,000","Outdoor gear and apparel for hikers, climbers and campers, sold online and in 42 stores.",["Shopify","Algolia","Klaviyo","Google Tag Manager","Google Analytics 4","OneTrust","Stripe","Yotpo","Cloudflare","Hotjar"],("greenhouse","acmeoutdoor"),None,"rss"),
 ("brightline-logistics.test","Brightline Logistics","Transportation and logistics","Chicago","US",2004,"5,001-10,000","Freight brokerage, warehousing and last-mile delivery for mid-market shippers across North America.",["Drupal","Coveo","Marketo","Adobe Analytics","Adobe Experience Platform Launch","Akamai","jQuery","TrustArc","Microsoft 365","Drift"],("lever","brightline"),"BRTL","atom"),
 ("cobalthealth.test","Cobalt Health Systems","Healthcare","Boston","US",1987,"10,001+","An integrated health system running 14 hospitals and 120 clinics, with a growing digital-front-door programme.",["Sitecore","Microsoft IIS","Lucidworks Fusion","Google Tag Manager","Google Analytics 4","OneTrust","Pardot","Qualified","Microsoft 365"],("workable","cobalt-health"),"CBHS","rss"),
 ("driftwood-home.test","Driftwood Home Goods","Retail","Portland","US",2011,"201-500","Sustainable furniture and home goods, designed in Oregon and shipped nationwide.",["Magento","Constructor.io","Klaviyo","Google Tag Manager","Google Analytics 4","Cookiebot","Adyen","Affirm","Fastly","Trustpilot"],("ashby","driftwood"),None,"rss"),
 ("evergreen-fintech.test","Evergreen Fintech","Financial services","New York","US",2015,"501-1,000","Treasury and payments software for mid-sized banks and credit unions.",["Next.js","React","Vercel","Segment","HubSpot","Intercom","Elasticsearch","Google Workspace","6sense","LinkedIn Insight Tag"],("greenhouse","evergreenfintech"),"EVGF","atom"),
 ("foxglove.test","Foxglove Fashion","Apparel","London","GB",2009,"501-1,000","A British fashion label with 30 boutiques and a fast-growing international online store.",["Salesforce Commerce Cloud","Bloomreach Discovery","Tealium iQ","Dynamic Yield","Klarna","Usercentrics","Akamai","Meta Pixel","LivePerson"],("lever","foxglove"),None,"rss"),
 ("harborfreight-partners.test","Harbor Freight Partners","Transportation and logistics","Long Beach","US",1979,"1,001-5,000","Port logistics, drayage and bonded warehousing on the US West Coast.",["WordPress","WP Engine","Yext Answers","Google Tag Manager","Google Analytics 4","HubSpot","jQuery","Cloudflare","Google Workspace"],("smartrecruiters","HarborFreightPartners"),"HFPX","rss"),
 ("ironclad-security.test","Ironclad Security","Computer and network security","Austin","US",2013,"1,001-5,000","Managed detection and response and a cloud security posture platform for regulated industries.",["Webflow","Algolia","HubSpot","Google Tag Manager","Google Analytics 4","Drift","Demandbase","Cloudflare","Microsoft 365","Cookiebot"],("greenhouse","ironcladsecurity"),"IRCL","atom"),
 ("juniper-learning.test","Juniper Learning","Education","Toronto","CA",2016,"201-500","Online courses and certification programmes for healthcare professionals.",["Nuxt.js","Vue.js","Netlify","Searchspring","Segment","Intercom","Stripe","Google Workspace","Hotjar"],("ashby","juniper"),None,"rss"),
 ("kestrel-outfitters.test","Kestrel Outfitters","Retail","Calgary","CA",2002,"501-1,000","Fishing, hunting and camping equipment with a catalogue business dating back two decades.",["BigCommerce","Klevu","Google Tag Manager","Google Analytics 4","PayPal","Klaviyo","Cloudflare","Trustpilot"],("workable","kestrel-outfitters"),None,"rss"),
 ("lumen-pharma.test","Lumen Pharmaceuticals","Pharmaceuticals","Basel","CH",1994,"5,001-10,000","Specialty pharmaceuticals for rare metabolic diseases.",["Adobe Experience Manager","Adobe Analytics","Adobe Experience Platform Launch","Adobe Target","Coveo","OneTrust","Akamai","Microsoft 365"],("smartrecruiters","LumenPharma"),"LUMN","rss"),
 ("meridian-bank.test","Meridian Community Bank","Banking","Charlotte","US",1921,"1,001-5,000","A community bank with 80 branches in the Carolinas and a modern digital banking app.",["Angular","Adobe Analytics","Tealium iQ","Yext Answers","LivePerson","TrustArc","Akamai","Microsoft 365"],("workable","meridian-bank"),None,"atom"),
 ("nimbus-saas.test","Nimbus Cloud","Software","San Francisco","US",2018,"201-500","Observability for serverless applications.",["Gatsby","React","Netlify","Segment","HubSpot","Intercom","Algolia","Google Workspace","FullStory"],("ashby","nimbus"),None,"rss"),
 ("orchard-grocers.test","Orchard Grocers","Grocery","Leeds","GB",1968,"10,001+","A regional grocery chain with 300 stores and rapid home delivery.",["Salesforce Commerce Cloud","Constructor.io","Google Tag Manager","Google Analytics 4","Dynamic Yield","OneTrust","Adyen","Fastly","Zendesk Chat"],("greenhouse","orchardgrocers"),None,"rss"),
 ("pinnacle-manufacturing.test","Pinnacle Manufacturing","Industrial machinery","Milwaukee","US",1952,"1,001-5,000","Precision CNC machining and industrial automation components.",["WordPress","Apache HTTP Server","Elasticsearch","Eloqua","Google Tag Manager","Google Analytics 4","jQuery","Bootstrap","Microsoft 365"],("smartrecruiters","PinnacleMfg"),"PNCL","rss"),
 ("quill-publishing.test","Quill Publishing","Publishing","New York","US",1990,"501-1,000","Trade books and a digital reading subscription.",["Drupal","Nginx","Google Tag Manager","Google Analytics 4","Cookiebot","Hotjar","Stripe","Fastly"],("lever","quill"),None,"atom"),
 ("riverstone-hotels.test","Riverstone Hotels","Hospitality","Miami","US",2001,"5,001-10,000","Boutique hotels in 25 cities.",["Contentful","Next.js","React","Vercel","Yext Answers","Optimizely Web Experimentation","Google Tag Manager","Google Analytics 4","OneTrust","Stripe"],("greenhouse","riverstone"),None,"rss"),
 ("summit-apparel.test","Summit Apparel Co.","Apparel","Seattle","US",2012,"201-500","Technical outerwear made from recycled materials.",["Shopify","Searchspring","Klaviyo","Google Tag Manager","Google Analytics 4","Klarna","Cloudflare","Yotpo","VWO"],("lever","summitapparel"),None,"rss"),
 ("tidewater-energy.test","Tidewater Energy","Utilities","Houston","US",1985,"10,001+","Electricity and gas for four million customers along the Gulf Coast.",["Sitecore","Microsoft IIS","Coveo","Adobe Analytics","Adobe Experience Platform Launch","TrustArc","Akamai","Microsoft 365"],("workable","tidewater-energy"),"TDWE","rss"),
 ("umbra-studios.test","Umbra Studios","Entertainment","Los Angeles","US",2010,"51-200","Independent game studio behind the Lanternfall series.",["WordPress","WooCommerce","Google Tag Manager","Google Analytics 4","Stripe","PayPal","Cloudflare","Hotjar"],("ashby","umbra"),None,"rss"),
 ("vantage-insurance.test","Vantage Insurance","Insurance","Hartford","US",1932,"5,001-10,000","Commercial and personal insurance through independent agents.",["Adobe Experience Manager","Adobe Analytics","Adobe Target","Adobe Experience Platform Launch","Lucidworks Fusion","Marketo","OneTrust","Akamai","Microsoft 365","Qualified"],("greenhouse","vantage"),"VNTG","atom"),
 ("willow-pets.test","Willow Pet Supply","Retail","Nashville","US",2014,"501-1,000","Pet food, toys and a vet-telehealth subscription.",["Magento","Bloomreach Discovery","Google Tag Manager","Google Analytics 4","Klaviyo","Affirm","Cookiebot","Fastly","Zendesk Chat"],("smartrecruiters","WillowPets"),None,"rss"),
]
IMPL={"Next.js":["React","Node.js"],"Nuxt.js":["Vue.js","Node.js"],"Gatsby":["React"],"Magento":["PHP"],"WordPress":["PHP","MySQL"],"WooCommerce":["WordPress","PHP","MySQL"],"Drupal":["PHP"],"Sitecore":["Microsoft ASP.NET"],"Adobe Experience Manager":["Java"],"WP Engine":["WordPress","PHP","MySQL"],"Zendesk Chat":["Zendesk"],"Amazon CloudFront":["Amazon Web Services"],"Google Analytics 4":["Google Analytics","Google Tag (gtag.js)"],"Microsoft IIS":[]}
EXTRA_HDR={"Magento":{"x-powered-by":"PHP/8.2.12"}}
PEOPLE=[("Dana Whitfield","Chief Executive Officer"),("Marcus Oyelaran","Chief Technology Officer"),("Priya Raman","Chief Marketing Officer"),("Tom Becker","VP of E-commerce"),("Elena Vasquez","Chief Financial Officer"),("Sam Cho","Head of Digital Experience")]
FIRST=["Dana","Marcus","Priya","Tom","Elena","Sam","Aisha","Henrik","Lucia","Kenji","Grace","Omar","Ingrid","Mateo","Ruth","Felix","Nadia","Owen","Yara","Victor","Hana","Diego","Clara"]
LAST=["Whitfield","Oyelaran","Raman","Becker","Vasquez","Cho","Lindqvist","Okafor","Moreau","Tanaka","Brennan","Haddad","Novak","Silva","Keller","Adeyemi","Fischer","Walsh","Kowalski","Duarte","Ishikawa","Ferreira","Nguyen","Castillo","Olsen"]
ROLES=[["Chief Executive Officer","Chief Technology Officer","Chief Marketing Officer","VP of E-commerce","Chief Financial Officer","Head of Digital Experience"],
 ["President & CEO","Chief Information Officer","Chief Financial Officer","VP Marketing","Director of Customer Experience","IT Operations Manager"],
 ["CEO","CTO","Chief Digital Officer","Head of Product","Senior Marketing Manager","General Counsel"],
 ["Founder and CEO","VP of Engineering","Chief Operating Officer","Head of Growth","Data Analyst Lead","Chief People Officer"]]
INVESTORS=["Northgate Ventures","Harbor Point Capital","Lattice Partners","Bluefin Growth","Cedar Hill Capital","Meridian Seed Fund","Oakline Partners","Summit Peak Equity"]
TRIG=[("{n} raises $45 million Series C to expand its platform","Funding led by Northgate Ventures will accelerate product development.","2026-10-14"),
("{n} appoints Jordan Lee as Chief Digital Officer","Lee joins from a global retailer where she led e-commerce.","2026-09-02"),
("{n} migrates to a new commerce platform ahead of holiday season","The company will relaunch its online store on a headless stack.","2026-08-20"),
("{n} opens new distribution center in Ohio","The 400,000 sq ft facility expands capacity in the Midwest.","2026-07-11"),
("{n} acquires Brookfield Digital","The acquisition adds a data-science team of 40.","2026-06-03"),
("{n} announces restructuring and workforce reduction","About 120 roles will be cut as the company refocuses.","2026-05-19"),
("{n} sponsors the regional marathon","Employees will volunteer at water stations.","2026-04-01")]
def esc(s): return s.replace("&","&amp;").replace("<","&lt;").replace(">","&gt;").replace('"',"&quot;")
labels={}
tickers={}
cik=1900001
for idx,(host,name,ind,city,country,founded,emp,desc,stack,ats,ticker,feed) in enumerate(COMPANIES):
    d=os.path.join(SITES,host); os.makedirs(os.path.join(d,"press"))
    heads=[];headers={};cookies={};dns={}
    for tname in stack:
        sn,hd,ck,dn=SN[tname]
        if sn: heads.append(sn)
        headers.update(hd); cookies.update(ck)
        if dn:
            for k,v in dn.items(): dns.setdefault(k,[]).extend(v)
    lab=set(stack)
    for tname in stack:
        for i in IMPL.get(tname,[]): lab.add(i)
    # header-derived techs
    if headers.get("x-powered-by","").startswith("PHP"): lab.add("PHP")
    if headers.get("x-powered-by","")=="Next.js": lab.add("Node.js")
    if "x-aspnet-version" in headers or headers.get("x-powered-by")=="ASP.NET": lab.add("Microsoft ASP.NET")
    if "Cloudflare" in stack: lab.add("Cloudflare Bot Management")
    allhtml="\n".join(heads)
    if "cdn.jsdelivr.net" in allhtml: lab.add("jsDelivr")
    if "unpkg.com" in allhtml: lab.add("unpkg")
    social=f'''"sameAs": ["https://www.linkedin.com/company/{host.split('.')[0]}", "https://twitter.com/{host.split('.')[0].replace('-','')}"]'''
    jsonld=f'''<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [
  {{"@type": "WebSite", "name": "{name}", "url": "https://{host}/"}},
  {{"@type": "Organization", "name": "{name}", "url": "https://{host}/", "description": "{desc}", "foundingDate": "{founded}",
   "numberOfEmployees": {{"@type": "QuantitativeValue", "description": "{emp}"}}, "industry": "{ind}",
   "address": {{"@type": "PostalAddress", "addressLocality": "{city}", "addressCountry": "{country}"}},
   {social}}}
]}}
</script>'''
    feedlink='<link rel="alternate" type="application/rss+xml" title="Press releases" href="/press/feed.xml">' if feed=="rss" else '<link rel="alternate" type="application/atom+xml" title="Newsroom" href="/press/atom.xml">'
    nav=f'<nav><a href="/">Home</a> <a href="/about">About</a> <a href="/careers">Careers</a> <a href="/leadership">Leadership</a> <a href="/newsroom">Newsroom</a></nav>'
    def page(title,body,extra_head=""):
        return f'''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{esc(desc)}">
<meta property="og:title" content="{esc(name)}">
<meta property="og:description" content="{esc(desc)}">
<meta property="og:site_name" content="{esc(name)}">
<meta property="og:image" content="https://{host}/img/og.jpg">
{feedlink}
{extra_head}
</head>
<body>
<header><a class="logo" href="/">{esc(name)}</a>
{nav}
</header>
<main>
{body}
</main>
<footer><p>&copy; 2026 {esc(name)}. {esc(city)}.</p><a href="https://www.linkedin.com/company/{host.split('.')[0]}">LinkedIn</a></footer>
</body>
</html>
'''
    head_snips="\n".join(heads)
    words=["trail","summit","harbor","cedar","linen","copper","delta","quartz","meadow","ember","atlas","nova","pioneer","sierra","tundra","willow"]
    grid=[]
    for k in range(160):
        w1=words[(k*7+idx)%len(words)]; w2=words[(k*3+idx*5)%len(words)]
        grid.append(f'<li class="product-card" data-product-id="{idx*1000+k}" data-category="{w2}"><a href="/products/{w1}-{w2}-{k}"><img loading="lazy" src="/img/products/{w1}-{w2}-{k}.webp" alt="{w1.title()} {w2.title()} {k}" width="320" height="320"></a><h3 class="product-card__title">{w1.title()} {w2.title()} edition {k}</h3><p class="product-card__blurb">Built for everyday use with durable materials, a {w2} finish and a two-year warranty. Free returns within 30 days.</p><span class="price" data-currency="USD">${19+k%80}.{k%100:02d}</span><button type="button" class="btn btn--secondary" aria-label="Add {w1} {w2} {k} to list">Add to list</button></li>')
    footer_links="".join(f'<li><a href="/{words[j%len(words)]}/{j}">{words[j%len(words)].title()} guide {j}</a></li>' for j in range(120))
    catalogue=f'<section class="catalogue"><h2>Popular right now</h2><ul class="product-grid">{"".join(grid)}</ul></section><section class="sitemap"><ul class="footer-links">{footer_links}</ul></section>'
    home=page(f"{name} | Home",f'<h1>{esc(name)}</h1>\n<p>{esc(desc)}</p>\n<section class="products"><h2>Featured</h2><ul><li>Spring collection</li><li>Gift cards</li><li>Store locator</li></ul></section>'+catalogue,head_snips+"\n"+jsonld)
    open(os.path.join(d,"index.html"),"w").write(home)
    team_link=' <a href="/team">Meet the team</a>' if idx%3==2 else ''
    open(os.path.join(d,"about.html"),"w").write(page(f"About {name}",f'<h1>About us</h1><p>{esc(desc)}</p><p>Founded in {founded} and headquartered in {esc(city)}, we employ {emp} people.{team_link}</p>',jsonld))
    kind,token={"greenhouse":("greenhouse",None),}.get(ats[0],(ats[0],None))[0],ats[1]
    url={"greenhouse":f"https://boards.greenhouse.io/{token}","lever":f"https://jobs.lever.co/{token}","ashby":f"https://jobs.ashbyhq.com/{token}","workable":f"https://apply.workable.com/{token}/","smartrecruiters":f"https://jobs.smartrecruiters.com/{token}"}[ats[0]]
    open(os.path.join(d,"careers.html"),"w").write(page(f"Careers at {name}",f'<h1>Join us</h1><p>We are hiring across engineering, marketing and operations.</p><p><a class="btn" href="{url}">See all open roles</a></p>'))
    # Leadership (M09): six people per company from the name pools; three page styles: a list of cards,
    # cards with JSON-LD Person, and a /team page with a different markup (linked from the about page).
    people=[(f"{FIRST[(idx*5+k)%len(FIRST)]} {LAST[(idx*7+k*3)%len(LAST)]}",ROLES[idx%len(ROLES)][k]) for k in range(6)]
    style=idx%3
    if style==0:
        lead="".join(f'<li class="person"><h3>{esc(p)}</h3><p class="title">{esc(t)}</p></li>' for p,t in people)
        open(os.path.join(d,"leadership.html"),"w").write(page(f"Leadership | {name}",f'<h1>Leadership</h1><ul class="leaders">{lead}</ul>'))
    elif style==1:
        persons=",\n  ".join(json.dumps({"@type":"Person","name":p,"jobTitle":t,"worksFor":{"@type":"Organization","name":name},"url":f"https://{host}/leadership#{p.lower().replace(' ','-')}"}) for p,t in people)
        ld=f'<script type="application/ld+json">\n{{"@context": "https://schema.org", "@graph": [\n  {persons}\n]}}\n</script>'
        cards="".join(f'<div class="bio" id="{p.lower().replace(" ","-")}"><strong>{esc(p)}</strong><br><em>{esc(t)}</em></div>' for p,t in people)
        open(os.path.join(d,"leadership.html"),"w").write(page(f"Leadership | {name}",f'<h1>Our leadership team</h1><section class="bios">{cards}</section>',ld))
    else:
        cards="".join(f'<div class="team-member"><h4 class="name">{esc(p)}</h4><span class="role">{esc(t)}</span></div>' for p,t in people)
        open(os.path.join(d,"team.html"),"w").write(page(f"Meet the team | {name}",f'<h1>Meet the team</h1><div class="team-grid">{cards}</div>'))
    trig=TRIG[idx%3: idx%3+5]
    # Press pages (M08 reads the funding ones): one per press item, the funding release naming its investors.
    for tt,summ,date in trig:
        body=f'<article class="press-release"><h1>{esc(tt.format(n=name))}</h1><time datetime="{date}">{date}</time><p>{esc(summ)}</p></article>'
        if "raises" in tt:
            lead_i,p1,p2=INVESTORS[idx%len(INVESTORS)],INVESTORS[(idx+3)%len(INVESTORS)],INVESTORS[(idx+5)%len(INVESTORS)]
            body=(f'<article class="press-release"><h1>{esc(tt.format(n=name))}</h1><time datetime="{date}">{date}</time>'
                  f'<p>{esc(name)} today announced a $45 million Series C round led by {esc(lead_i)}, with participation from {esc(p1)} and existing investor {esc(p2)}.</p>'
                  f'<p>The funding will accelerate product development and international growth.</p></article>')
        open(os.path.join(d,"press",date+".html"),"w").write(page(f"{tt.format(n=name)} | {name}",body))
    items=""
    for tt,summ,date in trig:
        items+=f'<article><h2><a href="/press/{date}">{esc(tt.format(n=name))}</a></h2><time datetime="{date}">{date}</time><p>{esc(summ)}</p></article>\n'
    open(os.path.join(d,"newsroom.html"),"w").write(page(f"Newsroom | {name}",f'<h1>Newsroom</h1>{items}'))
    import email.utils, datetime
    if feed=="rss":
        its="".join(f'''<item><title>{esc(tt.format(n=name))}</title><link>https://{host}/press/{date}</link><description>{esc(summ)}</description><pubDate>{email.utils.format_datetime(datetime.datetime.fromisoformat(date+"T09:00:00+00:00"))}</pubDate><guid>https://{host}/press/{date}</guid></item>
''' for tt,summ,date in trig)
        open(os.path.join(d,"press","feed.xml"),"w").write(f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{esc(name)} press releases</title><link>https://{host}/newsroom</link><description>News</description>\n{its}</channel></rss>\n')
    else:
        its="".join(f'''<entry><title>{esc(tt.format(n=name))}</title><link href="https://{host}/press/{date}"/><id>https://{host}/press/{date}</id><updated>{date}T09:00:00Z</updated><summary>{esc(summ)}</summary></entry>
''' for tt,summ,date in trig)
        open(os.path.join(d,"press","atom.xml"),"w").write(f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{esc(name)} newsroom</title><id>https://{host}/newsroom</id><updated>2026-10-14T09:00:00Z</updated>\n{its}</feed>\n')
    open(os.path.join(d,"robots.txt"),"w").write("User-agent: *\nDisallow: /private/\nAllow: /\n\nUser-agent: BadBot\nDisallow: /\n")
    json.dump({"headers":headers,"cookies":cookies,"dns":dns,"technologies":sorted(lab)},open(os.path.join(d,"_site.json"),"w"),indent=1)
    labels[host]=sorted(lab)
    # job boards
    depts=["Engineering","Marketing","Operations","Sales","Data"]
    locs=[city,"Remote","New York"]
    titles=["Senior Software Engineer, E-commerce Platform","Search Relevance Engineer (Elasticsearch)","Marketing Operations Manager (Marketo)","Data Analyst","Account Executive","Warehouse Operations Lead","Frontend Engineer (React)"]
    jobs=[(titles[(idx+k)%len(titles)],depts[(idx+k)%len(depts)],locs[k%len(locs)]) for k in range(3+idx%4)]
    a=ats[0]
    if a=="greenhouse":
        p=os.path.join(API,"boards-api.greenhouse.io","v1","boards",token); os.makedirs(p,exist_ok=True)
        data={"jobs":[{"id":4000000+idx*10+k,"title":t,"updated_at":"2026-11-0%dT10:00:00-05:00"%(k+1),"location":{"name":l},"departments":[{"id":k,"name":dp}],"absolute_url":f"https://boards.greenhouse.io/{token}/jobs/{4000000+idx*10+k}"} for k,(t,dp,l) in enumerate(jobs)],"meta":{"total":len(jobs)}}
        open(os.path.join(p,"jobs.json"),"w").write(json.dumps(data,indent=1))
    elif a=="lever":
        p=os.path.join(API,"api.lever.co","v0","postings"); os.makedirs(p,exist_ok=True)
        data=[{"id":f"lv-{idx}-{k}","text":t,"categories":{"team":dp,"location":l,"commitment":"Full-time"},"createdAt":1762000000000+k*86400000,"hostedUrl":f"https://jobs.lever.co/{token}/lv-{idx}-{k}"} for k,(t,dp,l) in enumerate(jobs)]
        s=json.dumps(data,indent=1)
        if host=="foxglove.test": s=s[:len(s)//2]  # hostile: truncated JSON
        open(os.path.join(p,token+".json"),"w").write(s)
    elif a=="ashby":
        p=os.path.join(API,"api.ashbyhq.com","posting-api","job-board"); os.makedirs(p,exist_ok=True)
        data={"jobs":[{"id":f"ab-{idx}-{k}","title":t,"department":dp,"location":l,"publishedAt":"2026-11-0%dT10:00:00Z"%(k+1),"jobUrl":f"https://jobs.ashbyhq.com/{token}/ab-{idx}-{k}"} for k,(t,dp,l) in enumerate(jobs)]}
        open(os.path.join(p,token+".json"),"w").write(json.dumps(data,indent=1))
    elif a=="workable":
        p=os.path.join(API,"apply.workable.com","api","v1","widget","accounts"); os.makedirs(p,exist_ok=True)
        data={"name":name,"jobs":[{"shortcode":f"WK{idx}{k}","title":t,"department":dp,"city":l,"country":country,"published_on":"2026-11-0%d"%(k+1),"url":f"https://apply.workable.com/j/WK{idx}{k}"} for k,(t,dp,l) in enumerate(jobs)]}
        open(os.path.join(p,token+".json"),"w").write(json.dumps(data,indent=1))
    else:
        p=os.path.join(API,"api.smartrecruiters.com","v1","companies",token); os.makedirs(p,exist_ok=True)
        data={"totalFound":len(jobs),"content":[{"id":f"sr-{idx}-{k}","name":t,"department":{"label":dp},"location":{"city":l,"country":country.lower()},"releasedDate":"2026-11-0%dT10:00:00.000Z"%(k+1)} for k,(t,dp,l) in enumerate(jobs)]}
        open(os.path.join(p,"postings.json"),"w").write(json.dumps(data,indent=1))
    if ticker:
        tickers[ticker]=(cik,name); cik+=1
# SEC
sec=os.path.join(API,"www.sec.gov","files"); os.makedirs(sec)
tmap={str(i):{"cik_str":c,"ticker":t,"title":n.upper()} for i,(t,(c,n)) in enumerate(tickers.items())}
open(os.path.join(sec,"company_tickers.json"),"w").write(json.dumps(tmap))
sub=os.path.join(API,"data.sec.gov","submissions"); os.makedirs(sub)
facts=os.path.join(API,"data.sec.gov","api","xbrl","companyfacts"); os.makedirs(facts)
for i,(t,(c,n)) in enumerate(tickers.items()):
    cikp="CIK%010d"%c
    if t=="PNCL": continue  # 404: no filings
    rev=(1.2+i*0.7)*1e9; ni=rev*0.08; empn=2000+i*1500
    open(os.path.join(sub,cikp+".json"),"w").write(json.dumps({"cik":str(c),"name":n.upper(),"tickers":[t],"exchanges":["NYSE"],"sic":"8062","sicDescription":"Services-Hospitals","fiscalYearEnd":"1231","filings":{"recent":{"form":["10-K","10-Q","8-K"],"filingDate":["2026-02-27","2026-05-08","2026-09-15"],"accessionNumber":["0001900001-26-000001","0001900001-26-000002","0001900001-26-000003"]}}},indent=1))
    fj=json.dumps({"cik":c,"entityName":n.upper(),"facts":{"us-gaap":{
      "Revenues":{"label":"Revenues","units":{"USD":[{"end":"2024-12-31","val":int(rev*0.9),"fy":2024,"fp":"FY","form":"10-K","filed":"2025-02-28"},{"end":"2025-12-31","val":int(rev),"fy":2025,"fp":"FY","form":"10-K","filed":"2026-02-27"}]}},
      "NetIncomeLoss":{"label":"Net Income (Loss)","units":{"USD":[{"end":"2025-12-31","val":int(ni),"fy":2025,"fp":"FY","form":"10-K","filed":"2026-02-27"}]}}},
      "dei":{"EntityNumberOfEmployees":{"label":"Employees","units":{"pure":[{"end":"2025-12-31","val":empn,"fy":2025,"fp":"FY","form":"10-K","filed":"2026-02-27"}]}}}}},indent=1)
    if t=="HFPX": fj=fj[:len(fj)//3]  # hostile: truncated JSON
    open(os.path.join(facts,cikp+".json"),"w").write(fj)
# Windows-1252 site: a hostile case, a test fixture in the test project (PartnerForge.Tests/Support/HostileSites)
HOSTILE=os.path.join(ROOT,"..","..","..","PartnerForge.Tests","Support","HostileSites")
h="kaffeehaus-berlin.test"; d=os.path.join(HOSTILE,h); shutil.rmtree(d,ignore_errors=True); os.makedirs(d)
html='''<!DOCTYPE html>
<html lang="de"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Café Müller Rösterei – Kaffee aus Berlin</title>
<meta name="description" content="Spezialitätenkaffee, geröstet in Kreuzberg – für Cafés, Büros und Genießer.">
<meta property="og:title" content="Café Müller Rösterei GmbH">
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
</head><body><h1>Café Müller Rösterei</h1><p>Größte Auswahl – „Kaffee für alle“ – seit 1996.</p></body></html>
'''
open(os.path.join(d,"index.html"),"wb").write(html.encode("cp1252"))
json.dump({"headers":{"content-type":"text/html; charset=windows-1252"},"cookies":{},"dns":{},"technologies":["jQuery"]},open(os.path.join(d,"_site.json"),"w"))
open(os.path.join(d,"robots.txt"),"w").write("User-agent: *\nAllow: /\n")
json.dump({"sites":{k:v for k,v in labels.items()}},open(os.path.join(ROOT,"labels.json"),"w"),indent=1)
print(len(COMPANIES),"companies",len(tickers),"tickers")
# A small top-sites list (rank,domain) like the Tranco CSV an admin imports.
with open(os.path.join(ROOT,"top-sites.csv"),"w") as f:
    for i,c in enumerate(COMPANIES):
        f.write(f"{(i+1)*7919 % 900000 + 500},{c[0]}\n")
