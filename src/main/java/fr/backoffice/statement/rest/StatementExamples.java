package fr.backoffice.statement.rest;

/** Example answers of {@code GET /accounts/{id}/statements/{date}} for the OpenAPI document. */
final class StatementExamples {

    private StatementExamples() {
    }

    static final String JSON = """
            {
              "id": "20261130FR7612548000010000000000146",
              "messageId": "019ad8a1c2e47d3a9f0b1c2d3e4f5a6b",
              "createdAt": "2026-12-01T07:30:00Z",
              "accountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "iban": "FR7612548000010000000000146",
              "currency": "EUR",
              "ownerName": "Camille Martin",
              "date": "2026-11-30",
              "complete": true,
              "from": "2026-11-29T23:00:00Z",
              "to": "2026-11-30T22:59:59.999999Z",
              "openingBalance": { "amount": "1250.00", "creditDebit": "CRDT", "date": "2026-11-30", "at": "2026-11-29T22:59:59.999999Z" },
              "closingBalance": { "amount": "1000.00", "creditDebit": "CRDT", "date": "2026-11-30", "at": "2026-11-30T22:59:59.999999Z" },
              "summary": { "numberOfEntries": 1, "numberOfCredits": 0, "sumOfCredits": "0.00", "numberOfDebits": 1,
                           "sumOfDebits": "250.00", "net": "-250.00" },
              "authorizations": { "open": 1, "reserved": "40.00" },
              "entries": [
                {
                  "entryId": "019ad3b0-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
                  "operationId": "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81",
                  "operationType": "TRANSFER",
                  "amount": "-250.00",
                  "creditDebit": "DBIT",
                  "bookingDate": "2026-11-30",
                  "valueDate": "2026-11-30",
                  "bankTransactionCode": { "domain": "PMNT", "family": "ICDT", "subFamily": "ESCT" },
                  "endToEndId": "INV-2026-1142",
                  "transactionId": "019ac9d27a107c418b2f3c4d5e6f7a81",
                  "label": "Rent November",
                  "counterparty": { "name": "Dupont SARL", "iban": "DE89370400440532013000" }
                }
              ]
            }""";

    static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
              <BkToCstmrStmt>
                <GrpHdr>
                  <MsgId>019ad8a1c2e47d3a9f0b1c2d3e4f5a6b</MsgId>
                  <CreDtTm>2026-12-01T07:30:00Z</CreDtTm>
                </GrpHdr>
                <Stmt>
                  <Id>20261130FR7612548000010000000000146</Id>
                  <CreDtTm>2026-12-01T07:30:00Z</CreDtTm>
                  <FrToDt>
                    <FrDtTm>2026-11-29T23:00:00Z</FrDtTm>
                    <ToDtTm>2026-11-30T22:59:59Z</ToDtTm>
                  </FrToDt>
                  <Acct>
                    <Id>
                      <IBAN>FR7612548000010000000000146</IBAN>
                    </Id>
                    <Ccy>EUR</Ccy>
                    <Ownr>
                      <Nm>Camille Martin</Nm>
                    </Ownr>
                  </Acct>
                  <Bal>
                    <Tp>
                      <CdOrPrtry>
                        <Cd>OPBD</Cd>
                      </CdOrPrtry>
                    </Tp>
                    <Amt Ccy="EUR">1250.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Dt>
                      <Dt>2026-11-30</Dt>
                    </Dt>
                  </Bal>
                  <Bal>
                    <Tp>
                      <CdOrPrtry>
                        <Cd>CLBD</Cd>
                      </CdOrPrtry>
                    </Tp>
                    <Amt Ccy="EUR">1000.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Dt>
                      <Dt>2026-11-30</Dt>
                    </Dt>
                  </Bal>
                  <TxsSummry>
                    <TtlNtries>
                      <NbOfNtries>1</NbOfNtries>
                      <Sum>250.00</Sum>
                      <TtlNetNtry>
                        <Amt>250.00</Amt>
                        <CdtDbtInd>DBIT</CdtDbtInd>
                      </TtlNetNtry>
                    </TtlNtries>
                    <TtlCdtNtries>
                      <NbOfNtries>0</NbOfNtries>
                      <Sum>0.00</Sum>
                    </TtlCdtNtries>
                    <TtlDbtNtries>
                      <NbOfNtries>1</NbOfNtries>
                      <Sum>250.00</Sum>
                    </TtlDbtNtries>
                  </TxsSummry>
                  <Ntry>
                    <NtryRef>019ad3b01c2d7e3f8a4b5c6d7e8f9a0b</NtryRef>
                    <Amt Ccy="EUR">250.00</Amt>
                    <CdtDbtInd>DBIT</CdtDbtInd>
                    <Sts>
                      <Cd>BOOK</Cd>
                    </Sts>
                    <BookgDt>
                      <Dt>2026-11-30</Dt>
                    </BookgDt>
                    <ValDt>
                      <Dt>2026-11-30</Dt>
                    </ValDt>
                    <BkTxCd>
                      <Domn>
                        <Cd>PMNT</Cd>
                        <Fmly>
                          <Cd>ICDT</Cd>
                          <SubFmlyCd>ESCT</SubFmlyCd>
                        </Fmly>
                      </Domn>
                    </BkTxCd>
                    <NtryDtls>
                      <TxDtls>
                        <Refs>
                          <EndToEndId>INV-2026-1142</EndToEndId>
                          <TxId>019ac9d27a107c418b2f3c4d5e6f7a81</TxId>
                        </Refs>
                        <Amt Ccy="EUR">250.00</Amt>
                        <CdtDbtInd>DBIT</CdtDbtInd>
                        <RltdPties>
                          <Cdtr>
                            <Pty>
                              <Nm>Dupont SARL</Nm>
                            </Pty>
                          </Cdtr>
                          <CdtrAcct>
                            <Id>
                              <IBAN>DE89370400440532013000</IBAN>
                            </Id>
                          </CdtrAcct>
                        </RltdPties>
                        <RmtInf>
                          <Ustrd>Rent November</Ustrd>
                        </RmtInf>
                      </TxDtls>
                    </NtryDtls>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;
}
