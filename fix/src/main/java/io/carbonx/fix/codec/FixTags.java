package io.carbonx.fix.codec;

/** FIX 4.4 tag numbers the session layer reads or writes. */
public final class FixTags
{
    public static final int ACCOUNT = 1;
    public static final int BEGIN_SEQ_NO = 7;
    public static final int BEGIN_STRING = 8;
    public static final int BODY_LENGTH = 9;
    public static final int CHECKSUM = 10;
    public static final int CL_ORD_ID = 11;
    public static final int END_SEQ_NO = 16;
    public static final int MSG_SEQ_NUM = 34;
    public static final int MSG_TYPE = 35;
    public static final int NEW_SEQ_NO = 36;
    public static final int POSS_DUP_FLAG = 43;
    public static final int REF_SEQ_NUM = 45;
    public static final int SENDER_COMP_ID = 49;
    public static final int SENDING_TIME = 52;
    public static final int TARGET_COMP_ID = 56;
    public static final int TEXT = 58;
    public static final int POSS_RESEND = 97;
    public static final int ENCRYPT_METHOD = 98;
    public static final int HEART_BT_INT = 108;
    public static final int TEST_REQ_ID = 112;
    public static final int ON_BEHALF_OF_COMP_ID = 115;
    public static final int ON_BEHALF_OF_SUB_ID = 116;
    public static final int ORIG_SENDING_TIME = 122;
    public static final int GAP_FILL_FLAG = 123;
    public static final int DELIVER_TO_COMP_ID = 128;
    public static final int DELIVER_TO_SUB_ID = 129;
    public static final int RESET_SEQ_NUM_FLAG = 141;
    public static final int ON_BEHALF_OF_LOCATION_ID = 144;
    public static final int DELIVER_TO_LOCATION_ID = 145;
    public static final int REF_TAG_ID = 371;
    public static final int REF_MSG_TYPE = 372;
    public static final int SESSION_REJECT_REASON = 373;
    public static final int BUSINESS_REJECT_REF_ID = 379;
    public static final int BUSINESS_REJECT_REASON = 380;
    public static final int USERNAME = 553;
    public static final int PASSWORD = 554;
    public static final int NEW_PASSWORD = 925;


    // application tags of order entry (FIX 4.4 names)
    public static final int AVG_PX = 6;
    public static final int COMMISSION = 12;
    public static final int COMM_TYPE = 13;
    public static final int CUM_QTY = 14;
    public static final int EXEC_ID = 17;
    public static final int EXEC_INST = 18;
    public static final int LAST_PX = 31;
    public static final int LAST_QTY = 32;
    public static final int ORDER_ID = 37;
    public static final int ORDER_QTY = 38;
    public static final int ORD_STATUS = 39;
    public static final int ORD_TYPE = 40;
    public static final int ORIG_CL_ORD_ID = 41;
    public static final int PRICE = 44;
    public static final int SIDE = 54;
    public static final int SYMBOL = 55;
    public static final int TIME_IN_FORCE = 59;
    public static final int CXL_REJ_REASON = 102;
    public static final int ORD_REJ_REASON = 103;
    public static final int EXPIRE_TIME = 126;
    public static final int EXEC_TYPE = 150;
    public static final int LEAVES_QTY = 151;
    public static final int CXL_REJ_RESPONSE_TO = 434;
    public static final int SECONDARY_EXEC_ID = 527;
    public static final int MASS_CANCEL_REQUEST_TYPE = 530;
    public static final int MASS_CANCEL_RESPONSE = 531;
    public static final int MASS_CANCEL_REJECT_REASON = 532;
    public static final int TOTAL_AFFECTED_ORDERS = 533;
    public static final int CROSS_ID = 548;
    public static final int CROSS_TYPE = 549;
    public static final int NO_SIDES = 552;


    // application tags of market data (FIX 4.4 names)
    public static final int NO_RELATED_SYM = 146;
    public static final int MD_REQ_ID = 262;
    public static final int SUBSCRIPTION_REQUEST_TYPE = 263;
    public static final int MARKET_DEPTH = 264;
    public static final int MD_UPDATE_TYPE = 265;
    public static final int AGGREGATED_BOOK = 266;
    public static final int NO_MD_ENTRIES = 268;
    public static final int MD_ENTRY_TYPE = 269;
    public static final int MD_ENTRY_PX = 270;
    public static final int MD_ENTRY_SIZE = 271;
    public static final int MD_UPDATE_ACTION = 279;
    public static final int MD_REQ_REJ_REASON = 281;
    public static final int SECURITY_REQ_ID = 320;
    public static final int SECURITY_RESPONSE_ID = 322;
    public static final int UNSOLICITED_INDICATOR = 325;
    public static final int OPEN_CLOSE_SETTL_FLAG = 286;
    public static final int TRAD_SES_REQ_ID = 335;
    public static final int TRADING_SESSION_ID = 336;
    public static final int TRAD_SES_STATUS = 340;
    public static final int TOT_NO_RELATED_SYM = 393;
    public static final int PARTY_ID_SOURCE = 447;
    public static final int PARTY_ID = 448;
    public static final int PARTY_ROLE = 452;
    public static final int NO_PARTY_IDS = 453;
    public static final int PRODUCT = 460;
    public static final int SCOPE = 546;
    public static final int MD_IMPLICIT_DELETE = 547;
    public static final int SECURITY_LIST_REQUEST_TYPE = 559;
    public static final int SECURITY_REQUEST_RESULT = 560;
    public static final int ROUND_LOT = 561;
    public static final int MIN_TRADE_VOL = 562;
    public static final int TRAD_SES_STATUS_REJ_REASON = 567;
    public static final int TRADING_SESSION_SUB_ID = 625;
    public static final int SECURITY_SUB_TYPE = 762;
    public static final int COPY_MSG_INDICATOR = 797;
    public static final int NO_INSTR_ATTRIB = 870;
    public static final int INSTR_ATTRIB_TYPE = 871;
    public static final int INSTR_ATTRIB_VALUE = 872;
    public static final int LAST_FRAGMENT = 893;

    private FixTags()
    {
    }
}
