-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "healthBand" TEXT,
ADD COLUMN     "healthComputedAt" TIMESTAMP(3),
ADD COLUMN     "healthScore" INTEGER,
ADD COLUMN     "healthTrend30" INTEGER,
ADD COLUMN     "healthTrend7" INTEGER;

-- CreateTable
CREATE TABLE "HealthModel" (
    "id" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '',
    "components" TEXT NOT NULL,
    "bands" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "HealthModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthSnapshot" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "band" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "drivers" TEXT NOT NULL DEFAULT '[]',
    "inputs" TEXT NOT NULL DEFAULT '{}',
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventDaily" (
    "accountId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "userId" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    CONSTRAINT "EventDaily_pkey" PRIMARY KEY ("accountId","day","type","userId")
);

-- CreateTable
CREATE TABLE "HealthDirty" (
    "accountId" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthDirty_pkey" PRIMARY KEY ("accountId")
);

-- CreateIndex
CREATE UNIQUE INDEX "HealthModel_segment_key" ON "HealthModel"("segment");

-- CreateIndex
CREATE INDEX "HealthSnapshot_day_idx" ON "HealthSnapshot"("day");

-- CreateIndex
CREATE UNIQUE INDEX "HealthSnapshot_accountId_day_key" ON "HealthSnapshot"("accountId", "day");

-- CreateIndex
CREATE INDEX "EventDaily_day_idx" ON "EventDaily"("day");

-- CreateIndex
CREATE INDEX "Account_healthBand_idx" ON "Account"("healthBand");

-- CreateIndex
CREATE INDEX "Account_healthScore_idx" ON "Account"("healthScore");

-- AddForeignKey
ALTER TABLE "HealthSnapshot" ADD CONSTRAINT "HealthSnapshot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventDaily" ADD CONSTRAINT "EventDaily_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Not in schema.prisma: the health rollup reads new events by receivedAt on PostgreSQL (on SQLite
-- it uses the rowid and needs no index). See docs/decisions/0013-health.md.
CREATE INDEX "Event_receivedAt_idx" ON "Event"("receivedAt");
