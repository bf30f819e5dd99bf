"""A solid county item of about 600 characters (issue 18): 东溪县's rural roads under a
"road chief" scheme, with figures, a worked example, paired connectives and a dated lead.

Its body is short of the 经验 (experience) range, its fourth paragraph (a road warden at work)
shares the item's key terms with the rest of the text rather than with the title, and it
links cause and effect with 由于…因此, 通过…实现, 不仅…而且 and 首先…其次…最后.
"""

from __future__ import annotations

TITLE = "东溪县推行农村公路“路长制” 养护优良率提升至86%"
PARAGRAPHS = (
    "11月24日，东溪县交通运输局通报，今年以来全县推行农村公路“路长制”，"
    "1286公里农村公路的养护优良率由去年的71%提升至86%。",
    "由于全县农村公路点多线长、养护力量分散，以往坑槽修补不及时，因此群众对出行条件意见较大，"
    "去年全县涉及路况的投诉有186件。今年3月，县里建立县、乡、村三级路长体系，"
    "明确县级路长12名、乡级路长46名、村级路长213名。每条农村公路都在路口设立公示牌，写明路长姓名和监督电话。",
    "县交通运输局通过公开招标，把全县农村公路划分为9个养护片区，实现日常养护市场化。"
    "县里招聘村级护路员320名，按每人每月800元发放补助。"
    "今年1至10月，全县共修补坑槽1.8万平方米，清理边沟426公里，补植行道树1.2万株。",
    "板桥村护路员刘桂芳今年58岁，每天清晨骑电动三轮车巡查村道6.5公里。"
    "她随身带着铁锹和扫帚，遇到落石、积水当场清理，今年已上报破损、堵塞等问题37处，全部在3天内处理完毕。",
    "县里不仅开发了“东溪路长”小程序，让群众随手拍照上报道路损坏，而且把处置时限写进路长考核。"
    "小程序上线8个月，共受理群众反映2140件，平均处置时间由5天缩短到36小时，今年路况投诉下降到41件。",
    "首先，县财政每年安排养护资金1500万元。其次，农村公路养护纳入乡镇年度考核。"
    "最后，对考核连续两次靠后的乡级路长进行约谈。",
    "下一步，东溪县将继续完善路长制考核办法，力争明年养护优良率达到90%以上。",
)
BODY = "\n\n".join(PARAGRAPHS)
WARDEN = 4
"""The paragraph about a road warden: about the item's theme in the item's own words."""

FOREIGN = "区人社局举办直播带岗招聘活动，86家企业在线提供岗位3400个，达成就业意向2160人。"
"""A paragraph from an unrelated item (a job fair), which must still be named off-theme."""
