package fr.backoffice.clearing.rest;

/** Examples of the clearing endpoints' bodies for the OpenAPI document. */
final class ClearingExamples {

    static final String FILE = """
            {"id":"019ad0c4-2b7e-7f10-8c3d-5e6f7a8b9c0d","messageId":"BO-20261201-00000042",\
            "createdAt":"2026-12-01T16:30:00Z","createdBy":"clearing-dan","settlementDate":"2026-12-02",\
            "numberOfTransactions":2,"controlSum":"1250.00","currency":"EUR","status":"GENERATED",\
            "sha256":"9f2c1a7e5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60","acknowledgedAt":null,\
            "acknowledgedBy":null,"rejectionReason":null,"statusReportId":null,"operationIds":["019ad0b1-1111-7a00-8000-000000000001",\
            "019ad0b1-2222-7a00-8000-000000000002"],"refundedToSuspense":[],"version":0}""";

    static final String PACS_008 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
              <FIToFICstmrCdtTrf>
                <GrpHdr>
                  <MsgId>BO-20261201-00000042</MsgId>
                  <CreDtTm>2026-12-01T16:30:00Z</CreDtTm>
                  <NbOfTxs>1</NbOfTxs>
                  <TtlIntrBkSttlmAmt Ccy="EUR">250.00</TtlIntrBkSttlmAmt>
                  <IntrBkSttlmDt>2026-12-02</IntrBkSttlmDt>
                  <SttlmInf>
                    <SttlmMtd>CLRG</SttlmMtd>
                  </SttlmInf>
                </GrpHdr>
                <CdtTrfTxInf>
                  <PmtId>
                    <EndToEndId>INV-2026-0042</EndToEndId>
                    <TxId>019ad0b111117a008000000000000001</TxId>
                  </PmtId>
                  <PmtTpInf>
                    <SvcLvl>
                      <Cd>SEPA</Cd>
                    </SvcLvl>
                  </PmtTpInf>
                  <IntrBkSttlmAmt Ccy="EUR">250.00</IntrBkSttlmAmt>
                  <ChrgBr>SLEV</ChrgBr>
                  <Dbtr>
                    <Nm>Jeanne Martin</Nm>
                  </Dbtr>
                  <DbtrAcct>
                    <Id>
                      <IBAN>FR7630001007941234567890185</IBAN>
                    </Id>
                  </DbtrAcct>
                  <DbtrAgt>
                    <FinInstnId>
                      <BICFI>BOFRFRPPXXX</BICFI>
                    </FinInstnId>
                  </DbtrAgt>
                  <CdtrAgt>
                    <FinInstnId>
                      <BICFI>COBADEFFXXX</BICFI>
                    </FinInstnId>
                  </CdtrAgt>
                  <Cdtr>
                    <Nm>Dupont SARL</Nm>
                  </Cdtr>
                  <CdtrAcct>
                    <Id>
                      <IBAN>DE89370400440532013000</IBAN>
                    </Id>
                  </CdtrAcct>
                  <RmtInf>
                    <Ustrd>Invoice 2026-0042</Ustrd>
                  </RmtInf>
                </CdtTrfTxInf>
              </FIToFICstmrCdtTrf>
            </Document>
            """;

    static final String INCOMING_PACS_008 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
              <FIToFICstmrCdtTrf>
                <GrpHdr>
                  <MsgId>STET-20261201-7781</MsgId>
                  <CreDtTm>2026-12-01T07:00:00Z</CreDtTm>
                  <NbOfTxs>1</NbOfTxs>
                  <TtlIntrBkSttlmAmt Ccy="EUR">1500.00</TtlIntrBkSttlmAmt>
                  <IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt>
                  <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
                </GrpHdr>
                <CdtTrfTxInf>
                  <PmtId><EndToEndId>SALARY-2026-11</EndToEndId><TxId>STET7781-1</TxId></PmtId>
                  <IntrBkSttlmAmt Ccy="EUR">1500.00</IntrBkSttlmAmt>
                  <ChrgBr>SLEV</ChrgBr>
                  <Dbtr><Nm>Acme GmbH</Nm></Dbtr>
                  <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
                  <DbtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></DbtrAgt>
                  <CdtrAgt><FinInstnId><BICFI>BOFRFRPPXXX</BICFI></FinInstnId></CdtrAgt>
                  <Cdtr><Nm>Jeanne Martin</Nm></Cdtr>
                  <CdtrAcct><Id><IBAN>FR7630001007941234567890185</IBAN></Id></CdtrAcct>
                  <RmtInf><Ustrd>Salary November 2026</Ustrd></RmtInf>
                </CdtTrfTxInf>
              </FIToFICstmrCdtTrf>
            </Document>
            """;

    static final String INCOMING_REPORT = """
            {"messageId":"STET-20261201-7781","accepted":1,"returned":[{"transactionId":"STET7781-2","endToEndId":"NOTPROVIDED","reason":"AC01"}],\
            "duplicates":0,"operationIds":["019ad0c9-3333-7a00-8000-000000000003"]}""";

    static final String PACS_004 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09">
              <PmtRtr>
                <GrpHdr>
                  <MsgId>STET-RTR-20261203-0007</MsgId>
                  <CreDtTm>2026-12-03T07:00:00Z</CreDtTm>
                  <NbOfTxs>1</NbOfTxs>
                  <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
                </GrpHdr>
                <TxInf>
                  <RtrId>RTR-0007-1</RtrId>
                  <OrgnlGrpInf>
                    <OrgnlMsgId>BO-20261201-00000042</OrgnlMsgId>
                    <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>
                  </OrgnlGrpInf>
                  <OrgnlEndToEndId>INV-2026-0042</OrgnlEndToEndId>
                  <OrgnlTxId>019ad0b111117a008000000000000001</OrgnlTxId>
                  <RtrdIntrBkSttlmAmt Ccy="EUR">250.00</RtrdIntrBkSttlmAmt>
                  <IntrBkSttlmDt>2026-12-03</IntrBkSttlmDt>
                  <RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf>
                </TxInf>
              </PmtRtr>
            </Document>
            """;

    static final String RETURN_REPORT = """
            {"messageId":"STET-RTR-20261203-0007","returned":1,"operationIds":["019ad0b1-1111-7a00-8000-000000000001"],\
            "refundedToSuspense":[],"unmatched":[]}""";

    static final String PACS_002 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10">
              <FIToFIPmtStsRpt>
                <GrpHdr>
                  <MsgId>CSM-20261202-000123</MsgId>
                  <CreDtTm>2026-12-02T06:15:00Z</CreDtTm>
                  <InstdAgt><FinInstnId><BICFI>BOFRFRPPXXX</BICFI></FinInstnId></InstdAgt>
                </GrpHdr>
                <OrgnlGrpInfAndSts>
                  <OrgnlMsgId>BO-20261201-00000042</OrgnlMsgId>
                  <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>
                  <OrgnlNbOfTxs>2</OrgnlNbOfTxs>
                  <GrpSts>PART</GrpSts>
                </OrgnlGrpInfAndSts>
                <TxInfAndSts>
                  <StsId>RJ-20261202-0001</StsId>
                  <OrgnlEndToEndId>INV-2026-0042</OrgnlEndToEndId>
                  <OrgnlTxId>019ad0b111117a008000000000000001</OrgnlTxId>
                  <TxSts>RJCT</TxSts>
                  <StsRsnInf>
                    <Orgtr><Nm>CSM</Nm></Orgtr>
                    <Rsn><Cd>AC01</Cd></Rsn>
                  </StsRsnInf>
                </TxInfAndSts>
              </FIToFIPmtStsRpt>
            </Document>
            """;

    static final String STATUS_REPORT_OUTCOME = """
            {"messageId":"CSM-20261202-000123","applied":true,\
            "file":{"id":"019ad0c4-2b7e-7f10-8c3d-5e6f7a8b9c0d","messageId":"BO-20261201-00000042",\
            "createdAt":"2026-12-01T16:30:00Z","createdBy":"clearing-dan","settlementDate":"2026-12-02",\
            "numberOfTransactions":2,"controlSum":"1250.00","currency":"EUR","status":"PARTIALLY_ACCEPTED",\
            "sha256":"9f2c1a7e5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60","acknowledgedAt":"2026-12-02T06:20:00Z",\
            "acknowledgedBy":"clearing-eve","rejectionReason":"1 of 2 transactions rejected by the clearing system, status \
            report CSM-20261202-000123","statusReportId":"CSM-20261202-000123",\
            "operationIds":["019ad0b1-1111-7a00-8000-000000000001","019ad0b1-2222-7a00-8000-000000000002"],\
            "refundedToSuspense":[],"version":1},\
            "accepted":["019ad0b1-2222-7a00-8000-000000000002"],\
            "rejected":[{"operationId":"019ad0b1-1111-7a00-8000-000000000001","reason":"AC01"}],"refundedToSuspense":[]}""";

    private ClearingExamples() {
    }
}
