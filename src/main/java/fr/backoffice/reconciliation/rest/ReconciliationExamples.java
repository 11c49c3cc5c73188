package fr.backoffice.reconciliation.rest;

/** Examples of the reconciliation endpoints' requests (docs/reconciliation.md "Reconciliation"). */
final class ReconciliationExamples {

    private ReconciliationExamples() {
    }

    /** The settlement bank's end-of-day statement of a unit's clearing settlement account: a file settled, a batch of credits. */
    static final String CAMT_053 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>STMT-20261207-0001</MsgId><CreDtTm>2026-12-07T21:00:00Z</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>STMT-20261207-PAR01</Id>
                  <ElctrncSeqNb>241</ElctrncSeqNb>
                  <CreDtTm>2026-12-07T21:00:00Z</CreDtTm>
                  <FrToDt><FrDtTm>2026-12-06T23:00:00Z</FrDtTm><ToDtTm>2026-12-07T22:59:59Z</ToDtTm></FrToDt>
                  <Acct><Id><IBAN>FR7612548000010000000000146</IBAN></Id><Ccy>EUR</Ccy></Acct>
                  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">10000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-07</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">11380.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-07</Dt></Dt></Bal>
                  <TxsSummry>
                    <TtlNtries><NbOfNtries>2</NbOfNtries><Sum>1620.00</Sum><TtlNetNtry><Amt>1380.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TtlNetNtry></TtlNtries>
                  </TxsSummry>
                  <Ntry>
                    <Amt Ccy="EUR">120.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                    <BookgDt><Dt>2026-12-07</Dt></BookgDt><ValDt><Dt>2026-12-07</Dt></ValDt><AcctSvcrRef>CSM-77001</AcctSvcrRef>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><Btch><MsgId>BO-20261207-00000042</MsgId><NbOfTxs>1</NbOfTxs></Btch></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <Amt Ccy="EUR">1500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                    <BookgDt><Dt>2026-12-07</Dt></BookgDt><ValDt><Dt>2026-12-07</Dt></ValDt><AcctSvcrRef>CSM-77002</AcctSvcrRef>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls>
                      <TxDtls>
                        <Refs><MsgId>STET-20261207-1</MsgId><EndToEndId>SALARY-2026-11</EndToEndId><TxId>T1</TxId></Refs>
                        <Amt Ccy="EUR">1500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                        <RltdPties><Dbtr><Pty><Nm>Acme GmbH</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties>
                      </TxDtls>
                    </NtryDtls>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;

    static final String MANUAL_MATCH = """
            {"resolution":"MANUAL_MATCH","reason":"The bank booked the two credits of Acme GmbH as one line","entryIds":["019ad3b0-1c2d-7e3f-8a4b-5c6d7e8f9a0b","019ad3b0-1c2d-7e3f-8a4b-5c6d7e8f9a0c"]}""";

    static final String BANK_ERROR = """
            {"resolution":"BANK_ERROR","reason":"Booked twice by the settlement bank; its correction is announced for tomorrow (case 4471)"}""";

    static final String WRITE_OFF = """
            {"resolution":"WRITE_OFF","reason":"Account maintenance fee of the settlement bank for November, charged as agreed"}""";

    static final String EXPECTED_EXACT = """
            {"accountId":"019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81","amount":"1250.00","currency":"EUR","reference":"INV-2026-0042","counterparty":{"name":"Acme GmbH","iban":"DE89370400440532013000"},"from":"2026-12-01","to":"2026-12-31"}""";

    static final String EXPECTED_RANGE = """
            {"accountId":"019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81","range":{"min":"1000.00","max":"1300.00"},"currency":"EUR","from":"2026-12-01","to":"2026-12-15"}""";

    static final String MATCH_ENTRY = """
            {"resolution":"MANUAL_MATCH","reason":"Reported by the bank under another reference","lineIds":["019ad8a1-c2e4-7d3a-9f0b-1c2d3e4f5a6b"]}""";

    /** A day of a clearing settlement account: a fee the ledger does not have, a credit the bank did not report. */
    static final String REPORT = """
            {
              "accountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "iban": "FR7612548000010000000000146",
              "currency": "EUR",
              "date": "2026-12-07",
              "complete": true,
              "bank": { "statements": 1, "opening": "1000.00", "closing": "1642.00" },
              "ledger": { "opening": "1000.00", "closing": "1689.00" },
              "matched": { "count": 8, "total": "647.00" },
              "unmatched": { "count": 1, "total": "-5.00" },
              "partial": { "count": 0, "total": "0.00" },
              "unreported": { "count": 1, "total": "42.00" },
              "openExceptions": 2,
              "difference": "-47.00"
            }""";
}
